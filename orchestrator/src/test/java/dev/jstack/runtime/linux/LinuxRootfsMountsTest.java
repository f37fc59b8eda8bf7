package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.testing.KernelTest;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KernelTest
class LinuxRootfsMountsTest {
    @TempDir
    Path tmp;

    private final LinuxRootfsMounts mounts = new LinuxRootfsMounts();
    private final List<Path> targets = new ArrayList<>();
    private final List<Path> ownMounts = new ArrayList<>();

    @AfterEach
    void unmountWhatTheTestMounted() throws RuntimeFailure {
        for (Path target : targets) {
            mounts.unmountAll(target);
        }
        for (Path dir : ownMounts) {
            mounts.unmountAll(dir);
        }
    }

    private Path target(String name) {
        Path target = tmp.resolve(name);
        targets.add(target);
        return target;
    }

    /** A tmpfs of the test's own below the test's directory, which the host root then contains as a submount. */
    private Path mountTmpfs(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ownMounts.add(dir);
        Syscalls.mount("tmpfs", dir.toString(), "tmpfs", 0, "size=1m");
        return dir;
    }

    /** A directory of the test's own made a shared mount, as /run/netns is; unmounted after the test. */
    private Path sharedMount(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        ownMounts.add(dir);
        Syscalls.mount(dir.toString(), dir.toString(), null, MountFlags.MS_BIND, null);
        Syscalls.mount("", dir.toString(), null, MountFlags.MS_SHARED, null);
        return dir;
    }

    /** The host path {@code path} as seen inside the host root bound at {@code target}. */
    private static Path inside(Path target, Path path) {
        return target.resolve(path.toString().substring(1));
    }

    @Test
    void theHostRootIsReadOnlyEverywhereAndSeesTheHostsFiles() throws Exception {
        Path sub = mountTmpfs("sub");
        Files.writeString(sub.resolve("seen"), "from the host");
        Path target = target("root");

        mounts.mountHostRoot(target);

        assertEquals(Files.readString(Path.of("/etc/os-release")), Files.readString(target.resolve("etc/os-release")));
        assertEquals("from the host", Files.readString(inside(target, sub).resolve("seen")));
        assertReadOnly(target.resolve("etc"));
        assertReadOnly(target.resolve("dev/shm"));
        assertReadOnly(inside(target, sub));
        assertReadOnly(inside(target, tmp));
    }

    @Test
    void withoutMountSetattrEachSubmountIsRemountedReadOnly() throws Exception {
        Path sub = mountTmpfs("sub");
        Path target = target("root");

        new LinuxRootfsMounts(false).mountHostRoot(target);

        assertReadOnly(target.resolve("etc"));
        assertReadOnly(target.resolve("dev/shm"));
        assertReadOnly(inside(target, sub));
        assertNoSharedMountBelow(target);
    }

    @Test
    void nothingMountedInTheCopyPropagatesToTheHost() throws Exception {
        // a shared mount of the test's own, as /run/netns is: a copy that stayed shared would pass mounts back
        Path shared = sharedMount("shared");
        Path target = target("root");
        mounts.mountHostRoot(target);

        Syscalls.mount("tmpfs", inside(target, shared).toString(), "tmpfs", 0, "size=1m");

        assertEquals(List.of(shared.toString()), Host.mountsAtOrBelow(shared));
        assertNoSharedMountBelow(target);
    }

    @Test
    void theRuntimesBinaryBoundInAStateDirectoryIsNotCopiedAndItsFileCanGo() throws Exception {
        // runc 1.1 binds /proc/self/exe onto runc.XXXXXX in the container's state directory for a moment
        Path stateDir = Files.createDirectories(tmp.resolve("state/demo-a-1"));
        Path binary = Files.createFile(stateDir.resolve("runc.a1B2c3"));
        Syscalls.mount("/proc/self/exe", binary.toString(), null, MountFlags.MS_BIND, null);
        Path target = target("root");
        try {
            mounts.mountHostRoot(target);
        } finally {
            Syscalls.umount2(binary.toString(), MountFlags.MNT_DETACH);
        }

        assertEquals(List.of(), Host.mountsAtOrBelow(inside(target, binary)));
        Files.delete(binary);
        assertTrue(mounts.hasHostRoot(target));
    }

    @Test
    void aNamespaceFileCopiedIntoAHostRootCanStillBeRemoved() throws Exception {
        // like a pin in /run/netns: a namespace file bound in a shared directory
        Path shared = sharedMount("shared");
        Path nsFile = Files.createFile(shared.resolve("ns"));
        Syscalls.mount("/proc/self/ns/net", nsFile.toString(), null, MountFlags.MS_BIND, null);
        Path target = target("root");
        mounts.mountHostRoot(target);

        assertEquals(List.of(), MountInfo.read().stream()
                .filter(m -> m.isAtOrBelow(target.toString()) && m.fsType().equals("nsfs")).toList());
        Syscalls.umount2(nsFile.toString(), MountFlags.MNT_DETACH);
        Files.delete(nsFile);
    }

    @Test
    void unmountingACopyOfSharedMountsLeavesTheOriginalsMounted() throws Exception {
        Path shared = sharedMount("shared");
        Path original = Files.createDirectories(shared.resolve("original"));
        Syscalls.mount("tmpfs", original.toString(), "tmpfs", 0, "size=1m");
        Path target = Files.createDirectories(target("copy"));
        // a copy that is still shared: each of its mounts is a peer of its original
        Syscalls.mount(shared.toString(), target.toString(), null, MountFlags.MS_BIND | MountFlags.MS_REC, null);

        mounts.unmountAll(target);

        assertEquals(List.of(), Host.mountsAtOrBelow(target));
        assertEquals(List.of(original.toString()), Host.mountsAtOrBelow(original));
    }

    @Test
    void aSecondHostRootHoldsNoCopyOfTheFirst() throws Exception {
        Path first = target("first");
        Path second = target("second");

        mounts.mountHostRoot(first);
        mounts.mountHostRoot(second);

        String copyOfFirst = inside(second, first).toString();
        assertEquals(List.of(), Host.mountsAtOrBelow(Path.of(copyOfFirst)));
        assertTrue(Files.isDirectory(Path.of(copyOfFirst)), "the directory is there, its mounts are not");
    }

    @Test
    void overlayWritesLandInTheUpperDirectoryAndNeverInALower() throws Exception {
        Path top = Files.createDirectories(tmp.resolve("top"));
        Path bottom = Files.createDirectories(tmp.resolve("bottom"));
        Files.writeString(top.resolve("both"), "top");
        Files.writeString(bottom.resolve("both"), "bottom");
        Files.writeString(bottom.resolve("only"), "bottom");
        Path upper = tmp.resolve("c/upper");
        Path target = target("c/rootfs");

        mounts.mountOverlay(List.of(top, bottom), upper, tmp.resolve("c/work"), target);
        Files.writeString(target.resolve("only"), "changed");
        Files.writeString(target.resolve("new"), "new");

        assertEquals("top", Files.readString(target.resolve("both")));
        assertEquals("changed", Files.readString(target.resolve("only")));
        assertEquals("bottom", Files.readString(bottom.resolve("only")));
        assertFalse(Files.exists(bottom.resolve("new")) || Files.exists(top.resolve("new")));
        assertEquals("changed", Files.readString(upper.resolve("only")));
        assertEquals("new", Files.readString(upper.resolve("new")));
        assertNoSharedMountBelow(target);
    }

    @Test
    void unmountAllLeavesNothingAndMayBeRepeated() throws Exception {
        mountTmpfs("sub");
        Path host = target("host");
        Path overlay = target("overlay");
        mounts.mountHostRoot(host);
        mounts.mountOverlay(List.of(Files.createDirectories(tmp.resolve("lower"))), tmp.resolve("upper"),
                tmp.resolve("work"), overlay);
        assertFalse(Host.mountsAtOrBelow(host).isEmpty());

        mounts.unmountAll(host);
        mounts.unmountAll(overlay);
        mounts.unmountAll(host);
        mounts.unmountAll(tmp.resolve("never-mounted"));

        assertEquals(List.of(), Host.mountsAtOrBelow(host));
        assertEquals(List.of(), Host.mountsAtOrBelow(overlay));
    }

    @Test
    void aCompleteHostRootIsToldFromNoneAndFromAHalfMadeOne() throws Exception {
        mountTmpfs("sub");
        Path whole = target("whole");
        Path half = target("half");
        assertFalse(mounts.hasHostRoot(whole), "nothing mounted");
        mounts.mountHostRoot(whole);
        // What a process killed between the bind and making it read-only and private leaves behind.
        String base = Files.createDirectories(half).toRealPath().toString();
        Syscalls.mount(base, base, null, MountFlags.MS_BIND, null);
        Syscalls.mount("", base, null, MountFlags.MS_UNBINDABLE, null);
        Syscalls.mount("/", base, null, MountFlags.MS_BIND | MountFlags.MS_REC, null);

        assertTrue(mounts.hasHostRoot(whole));
        assertFalse(mounts.hasHostRoot(half), "writable and still a peer of the host's mounts");
        mounts.unmountAll(whole);
        assertFalse(mounts.hasHostRoot(whole), "unmounted");
    }

    @Test
    void aTargetInUseIsRefusedAndKeepsItsMounts() throws Exception {
        Path target = target("root");
        mounts.mountHostRoot(target);
        List<String> before = Host.mountsAtOrBelow(target);

        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> mounts.mountHostRoot(target));

        assertTrue(failure.getMessage().startsWith(target + " is already mounted"), failure.getMessage());
        assertEquals(before, Host.mountsAtOrBelow(target));
    }

    @Test
    void aFailedOverlayLeavesNothingMounted() throws Exception {
        Path target = target("rootfs");
        Path missing = tmp.resolve("missing");

        RuntimeFailure failure = assertThrows(RuntimeFailure.class,
                () -> mounts.mountOverlay(List.of(missing), tmp.resolve("upper"), tmp.resolve("work"), target));

        assertEquals("mount(\"overlay\", \"" + target + "\", \"overlay\", 0, \"lowerdir=" + missing + ",upperdir="
                + tmp.resolve("upper") + ",workdir=" + tmp.resolve("work") + "\"): No such file or directory",
                failure.getMessage());
        assertEquals(List.of(), Host.mountsAtOrBelow(target));
    }

    @Test
    void refusesLayerPathsOverlayfsWouldSplitAndTheHostsRoot() throws Exception {
        Path upper = tmp.resolve("upper");

        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> mounts.mountOverlay(
                List.of(tmp.resolve("a:b")), upper, tmp.resolve("work"), target("rootfs")));

        assertEquals("cannot use " + tmp.resolve("a:b") + " in an overlay: overlayfs reads ',', ':' and '\\' in"
                + " its options as separators; rename the directory", failure.getMessage());
        assertFalse(Files.exists(upper));
        assertThrows(RuntimeFailure.class, () -> mounts.unmountAll(Path.of("/")));
        assertThrows(RuntimeFailure.class, () -> mounts.mountHostRoot(Path.of("/")));
    }

    private static void assertReadOnly(Path dir) {
        FileSystemException e = assertThrows(FileSystemException.class,
                () -> Files.writeString(dir.resolve("jstack-test-write"), "x"), dir + " is writable");
        assertEquals("Read-only file system", e.getReason(), dir.toString());
    }

    private static void assertNoSharedMountBelow(Path target) throws RuntimeFailure {
        List<String> shared = MountInfo.read().stream().filter(m -> m.isAtOrBelow(target.toString()))
                .filter(m -> m.optionalFields().stream().anyMatch(f -> f.startsWith("shared:")))
                .map(MountInfo::mountPoint).toList();
        assertEquals(List.of(), shared);
    }
}
