package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jstack.runtime.RuntimeFailure;
import dev.jstack.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mount table's answer to "is this file a network namespace" against the kernel's own ({@code NS_GET_NSTYPE}):
 * the table answers for what is mounted, agrees with the kernel wherever it answers, and leaves the rest to it.
 */
@KernelTest
class NamespaceMountsKernelTest {
    private static final String PREFIX = "jstack-test-" + ProcessHandle.current().pid() + "-";

    private final LinuxNamespacePins pins = new LinuxNamespacePins();
    private final List<Path> pinsMade = new ArrayList<>();
    private final List<String> ipNetnsMade = new ArrayList<>();
    private final List<Path> bound = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        for (Path path : bound) {
            Syscalls.umount2(path.toString(), MountFlags.MNT_DETACH);
        }
        for (Path pin : pinsMade) {
            pins.remove(pin);
        }
        for (String name : ipNetnsMade) {
            Host.run("ip", "netns", "delete", name);
        }
    }

    @Test
    void aJstackPinIsOneByTheTable() throws Exception {
        pinsMade.add(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "pin"));
        Path pin = pins.create(PREFIX + "pin");

        assertAnswers(pin, Optional.of(true), true);
    }

    @Test
    void aPinMadeByIpNetnsAddIsOneByTheTable() throws Exception {
        Host.run("ip", "netns", "add", PREFIX + "ip");
        ipNetnsMade.add(PREFIX + "ip");

        assertAnswers(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "ip"), Optional.of(true), true);
    }

    @Test
    void aBoundUtsNamespaceIsNotOneByTheTable() throws Exception {
        Path uts = bind(Path.of("/proc/self/ns/uts"), Files.createFile(tmp.resolve("uts")));

        assertAnswers(uts, Optional.of(false), false);
    }

    @Test
    void aFileBoundOverAPinHidesIt() throws Exception {
        pinsMade.add(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "covered"));
        Path pin = pins.create(PREFIX + "covered");
        bind(Files.writeString(tmp.resolve("cover"), "plain"), pin);

        assertAnswers(pin, Optional.of(false), false);
    }

    @Test
    void aPlainFileIsLeftToTheKernel() throws Exception {
        assertAnswers(Files.writeString(tmp.resolve("plain"), "not a namespace"), Optional.empty(), false);
    }

    @Test
    void aMissingPathIsLeftToTheKernel() throws Exception {
        assertAnswers(tmp.resolve("missing"), Optional.empty(), false);
    }

    @Test
    void aProcessesNamespaceLinkIsLeftToTheKernel() throws Exception {
        Path link = Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "ns", "net");

        assertAnswers(link, Optional.empty(), true);
    }

    @Test
    void oneTableAnswersForManyPathsInTheirOrder() throws Exception {
        pinsMade.add(LinuxNamespacePins.RUN_NETNS.resolve(PREFIX + "many"));
        Path pin = pins.create(PREFIX + "many");
        Path uts = bind(Path.of("/proc/self/ns/uts"), Files.createFile(tmp.resolve("uts")));
        Path link = Path.of("/proc/self/ns/net");
        List<Path> paths = List.of(uts, link, tmp.resolve("missing"), pin);

        assertEquals(List.of(link, pin), LinuxNamespacePins.networkNamespaces(paths, NamespaceMounts.read()));
        assertEquals(List.of(link, pin), pins.networkNamespaces(paths));
    }

    /** The table's own answer, and the whole answer with and without the table, which must be the kernel's. */
    private static void assertAnswers(Path path, Optional<Boolean> table, boolean kernel) throws RuntimeFailure {
        assertEquals(table, NamespaceMounts.read().isNetworkNamespace(path), "the table's answer for " + path);
        assertEquals(kernel ? List.of(path) : List.of(),
                LinuxNamespacePins.networkNamespaces(List.of(path), NamespaceMounts.read()), "with the table");
        assertEquals(kernel ? List.of(path) : List.of(), LinuxNamespacePins.networkNamespaces(List.of(path), null),
                "the kernel's answer");
    }

    private Path bind(Path source, Path target) throws RuntimeFailure {
        Syscalls.mount(source.toString(), target.toString(), null, MountFlags.MS_BIND, null);
        bound.add(0, target);
        return target;
    }
}
