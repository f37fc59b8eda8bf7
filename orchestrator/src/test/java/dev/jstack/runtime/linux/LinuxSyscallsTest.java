package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.testing.KernelTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kernel's failures, as jstack words them: the call, its arguments, strerror. */
@KernelTest
class LinuxSyscallsTest {

    @Test
    void aFailedMountNamesTheCallThePathsAndTheReason(@TempDir Path tmp) {
        Path missing = tmp.resolve("missing");

        SyscallFailure failure = assertThrows(SyscallFailure.class,
                () -> Syscalls.mount(missing.toString(), tmp.toString(), null, MountFlags.MS_BIND, null));

        assertEquals("mount(\"" + missing + "\", \"" + tmp + "\", MS_BIND): No such file or directory",
                failure.getMessage());
        assertEquals(SyscallFailure.ENOENT, failure.errno());
    }

    @Test
    void unmountingWhatIsNotMountedIsEinval(@TempDir Path tmp) {
        SyscallFailure failure = assertThrows(SyscallFailure.class,
                () -> Syscalls.umount2(tmp.toString(), MountFlags.MNT_DETACH));

        assertEquals("umount2(\"" + tmp + "\", MNT_DETACH): Invalid argument", failure.getMessage());
        assertEquals(SyscallFailure.EINVAL, failure.errno());
    }

    @Test
    void gettidIsTheCallingThreadsTask() throws Exception {
        int tid = Syscalls.gettid();

        assertTrue(Files.isDirectory(Path.of("/proc/self/task/" + tid)));
        assertEquals(Files.readSymbolicLink(Path.of("/proc/thread-self")).toString(),
                ProcessHandle.current().pid() + "/task/" + tid);
    }

    @Test
    void jffiLoadsItsStubFromTheCopyUnderVarLibJstack() throws Exception {
        Syscalls.gettid();

        Path dir = Path.of(System.getProperty(JffiStub.PROPERTY));
        assertEquals(JffiStub.ROOT, dir.getParent());
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertTrue(maps.contains(dir.resolve(JffiStub.FILE).toString()), "the stub mapped from " + dir);
        assertTrue(maps.lines().noneMatch(l -> l.contains("jffi") && l.contains("/tmp/")), "no temporary copy");
    }
}
