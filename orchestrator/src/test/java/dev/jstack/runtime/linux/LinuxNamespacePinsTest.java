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
import java.util.List;
import java.util.Set;
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
        assertEquals(Set.of(host), namespacesOfAllThreads());

        Path pin = create("thread");

        assertNotEquals(host, NamespaceInode.of(pin));
        assertEquals(host, NamespaceInode.of(mine));
        assertEquals(Set.of(host), namespacesOfAllThreads());
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
    void badNamesAreRefusedAndLeaveNothing() throws Exception {
        Set<String> before = entries(LinuxNamespacePins.RUN_NETNS);
        for (String bad : List.of("", "../escape", "a/b", ".hidden", "-dash", "x".repeat(256))) {
            RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> pins.create(bad));
            assertTrue(failure.getMessage().startsWith("invalid network namespace pin name `" + bad + "`"),
                    failure.getMessage());
        }
        assertEquals(before, entries(LinuxNamespacePins.RUN_NETNS));
        assertFalse(Files.exists(LinuxNamespacePins.RUN_NETNS.getParent().resolve("escape")));
    }

    @Test
    void removeRefusesAPathOutsideThePinDirectory(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("keep"), "x");

        assertThrows(RuntimeFailure.class, () -> pins.remove(file));

        assertTrue(Files.exists(file));
    }

    private static Set<Long> namespacesOfAllThreads() throws IOException {
        Set<Long> inodes = new TreeSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    inodes.add(NamespaceInode.of(task.resolve("ns/net")));
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
