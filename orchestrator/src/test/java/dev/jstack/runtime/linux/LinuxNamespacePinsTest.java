package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.testing.KernelTest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@KernelTest
class LinuxNamespacePinsTest {
    private static final String PREFIX = "jstack-test-" + ProcessHandle.current().pid() + "-";

    private final LinuxNamespacePins pins = new LinuxNamespacePins();
    private final List<Path> made = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestMade() throws RuntimeFailure {
        for (Path pin : made) {
            pins.remove(pin);
        }
    }

    private Path create(String suffix) throws RuntimeFailure {
        made.add(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + suffix));
        return pins.create(PREFIX + suffix);
    }

    @Test
    void aPinIsListedByIpNetnsAndHoldsOnlyLoopbackUp() throws Exception {
        Path pin = create("lo");

        assertEquals(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "lo"), pin);
        assertTrue(Host.run("ip", "netns", "list").lines().anyMatch(l -> l.split(" ")[0].equals(PREFIX + "lo")));
        List<String> links = Host.run("ip", "netns", "exec", PREFIX + "lo", "ip", "-o", "link").lines().toList();
        assertEquals(1, links.size(), links::toString);
        assertTrue(links.get(0).matches("1: lo: <LOOPBACK,UP,LOWER_UP> .*"), links.get(0));
    }

    @Test
    void thePinIsANewNamespaceWhileEveryThreadOfTheJvmKeepsTheHostOne() throws Exception {
        Path mine = Path.of("/proc/self/task/" + Syscalls.gettid() + "/ns/net");
        long host = NamespaceInode.of(mine);
        Map<String, Long> before = namespacesOfAllThreads();

        Path pin = create("thread");

        long made = NamespaceInode.of(pin);
        assertNotEquals(host, made);
        assertEquals(host, NamespaceInode.of(mine));
        Map<String, Long> after = namespacesOfAllThreads();
        for (Map.Entry<String, Long> thread : after.entrySet()) {
            // no thread moved; a new one is the host's, or the pin's own thread while it exits
            Long was = before.get(thread.getKey());
            long expected = was != null ? was : thread.getValue() == made ? made : host;
            assertEquals(expected, thread.getValue(), "thread " + thread.getKey());
        }
        assertTrue(after.values().stream().filter(v -> v == made).count() <= 1, after::toString);
    }

    @Test
    void twoPinsAreTwoNamespaces() throws Exception {
        Path a = create("a");
        Path b = create("b");

        assertNotEquals(NamespaceInode.of(a), NamespaceInode.of(b));
    }

    @Test
    void removeLeavesNoMountNoFileAndToleratesAPinAlreadyGone() throws Exception {
        Path pin = create("rm");
        assertEquals(List.of(pin.toString()), Host.mountsAtOrBelow(pin));

        pins.remove(pin);

        assertEquals(List.of(), Host.mountsAtOrBelow(pin));
        assertFalse(Files.exists(pin));
        assertFalse(Host.run("ip", "netns", "list").contains(PREFIX + "rm"));
        pins.remove(pin);
    }

    @Test
    void recognisesNetworkNamespacesOnly(@TempDir Path tmp) throws Exception {
        Path pin = create("kind");
        Path plain = Files.writeString(tmp.resolve("plain"), "not a namespace");

        assertTrue(pins.isNetworkNamespace(pin));
        assertTrue(pins.isNetworkNamespace(Path.of("/proc/self/ns/net")));
        assertFalse(pins.isNetworkNamespace(Path.of("/proc/self/ns/mnt")));
        assertFalse(pins.isNetworkNamespace(plain));
        assertFalse(pins.isNetworkNamespace(tmp));
        assertFalse(pins.isNetworkNamespace(tmp.resolve("missing")));
    }

    @Test
    void anExistingPinIsAnErrorThatLeavesItIntact() throws Exception {
        Path pin = create("twice");
        long inode = NamespaceInode.of(pin);

        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> pins.create(PREFIX + "twice"));

        assertEquals("network namespace pin " + pin + " already exists; if no container uses it, remove it with"
                + " `ip netns delete " + PREFIX + "twice`", failure.getMessage());
        assertEquals(inode, NamespaceInode.of(pin));
        assertTrue(pins.isNetworkNamespace(pin));
        assertEquals(List.of(pin.toString()), Host.mountsAtOrBelow(pin));
    }

    @Test
    void anEmptyUnmountedFileLeftByACrashIsReplaced() throws Exception {
        Path debris = LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "crashed");
        made.add(debris);
        Files.createDirectories(debris.getParent());
        Files.createFile(debris);

        Path pin = pins.create(PREFIX + "crashed");

        assertTrue(pins.isNetworkNamespace(pin));
    }

    @Test
    void aFileWithContentIsNotTakenForDebris() throws Exception {
        Path file = LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "content");
        made.add(file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "someone's");

        assertThrows(RuntimeFailure.class, () -> pins.create(PREFIX + "content"));

        assertEquals("someone's", Files.readString(file));
    }

    @Test
    void badNamesAreRefusedAndLeaveNothing() {
        for (String bad : List.of("", "../escape", "a/b", ".hidden", "-dash", "x".repeat(256))) {
            RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> pins.create(bad));
            assertTrue(failure.getMessage().startsWith("invalid network namespace pin name `" + bad + "`"),
                    failure.getMessage());
        }
        Path dir = LinuxNamespacePins.RUN_NETNS;
        for (Path path : List.of(dir.resolve(".hidden"), dir.resolve("-dash"), dir.resolve("a"),
                dir.getParent().resolve("escape"))) {
            assertFalse(Files.exists(path), path + " was made");
        }
    }

    @Test
    void removeRefusesAPathOutsideThePinDirectory(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("keep"), "x");

        assertThrows(RuntimeFailure.class, () -> pins.remove(file));

        assertTrue(Files.exists(file));
    }

    @Test
    void aPinThatFailsAfterItsMountIsUnmountedAndUnlinked(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("netns");
        LinuxNamespacePins failing = new LinuxNamespacePins(dir, pin -> {
            NetnsPinThread.pinNewNamespace(pin);
            throw new RuntimeFailure("failed after the mount");
        });
        try {
            RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> failing.create("half"));

            assertEquals("failed after the mount", failure.getMessage());
            assertEquals(List.of(dir.toString()), Host.mountsAtOrBelow(dir), "only the directory's own bind");
            assertEquals(Set.of(), entries(dir));
        } finally {
            new LinuxRootfsMounts().unmountAll(dir);
        }
    }

    @Test
    void concurrentCreatesMakeTheDirectoryAMountOnceAndOneWinnerPerName(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("netns");
        LinuxNamespacePins local = new LinuxNamespacePins(dir, NetnsPinThread::pinNewNamespace);
        List<String> names = List.of("a", "b", "c", "c", "c", "d");
        List<Thread> threads = new ArrayList<>();
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            for (String name : names) {
                Thread thread = new Thread(() -> outcomes.add(outcome(local, name)));
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }

            assertEquals(List.of("a made", "b made", "c exists", "c exists", "c made", "d made"),
                    outcomes.stream().sorted().toList());
            assertEquals(List.of(dir.toString()), Host.mountsAtOrBelow(dir).stream()
                    .filter(p -> p.equals(dir.toString())).toList(), "one bind of the directory onto itself");
            assertEquals(Set.of("a", "b", "c", "d"), entries(dir));
        } finally {
            for (String name : Set.copyOf(names)) {
                local.remove(dir.resolve(name));
            }
            new LinuxRootfsMounts().unmountAll(dir);
        }
    }

    private static String outcome(LinuxNamespacePins pins, String name) {
        try {
            pins.create(name);
            return name + " made";
        } catch (RuntimeFailure e) {
            return name + (e.getMessage().contains("already exists") ? " exists" : " failed: " + e.getMessage());
        }
    }

    /** The network namespace of every thread of this JVM, by task id. */
    private static Map<String, Long> namespacesOfAllThreads() throws IOException {
        Map<String, Long> inodes = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    inodes.put(task.getFileName().toString(), NamespaceInode.of(task.resolve("ns/net")));
                } catch (NoSuchFileException ended) {
                    // the thread ended between listing and reading: it no longer holds any namespace
                }
            }
        }
        return inodes;
    }

    private static Set<String> entries(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(p -> names.add(p.getFileName().toString()));
            }
        }
        return names;
    }
}
