package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** How failed calls and bad names read; no call is made. */
class SyscallMessagesTest {

    @Test
    void mountIsPrintedLikeTheCallWithItsFlagNames() {
        assertEquals("mount(\"/proc/self/task/123/ns/net\", \"/run/netns/jstack-p-a\", MS_BIND)",
                Syscalls.describeMount("/proc/self/task/123/ns/net", "/run/netns/jstack-p-a", null,
                        MountFlags.MS_BIND, null));
        assertEquals("mount(\"\", \"/run/netns\", MS_REC|MS_SHARED)",
                Syscalls.describeMount(null, "/run/netns", null, MountFlags.MS_SHARED | MountFlags.MS_REC, null));
        assertEquals("mount(\"overlay\", \"/t\", \"overlay\", 0, \"lowerdir=/l\")",
                Syscalls.describeMount("overlay", "/t", "overlay", 0, "lowerdir=/l"));
    }

    @Test
    void unnamedBitsArePrintedInHex() {
        assertEquals("MS_RDONLY|MS_REMOUNT|MS_BIND|0x40", MountFlags.describeMount(
                MountFlags.MS_RDONLY | MountFlags.MS_REMOUNT | MountFlags.MS_BIND | 0x40));
        assertEquals("MNT_DETACH|UMOUNT_NOFOLLOW",
                MountFlags.describeUmount(MountFlags.MNT_DETACH | MountFlags.UMOUNT_NOFOLLOW));
        assertEquals("0", MountFlags.describeUmount(0));
    }

    @Test
    void aFailureNamesTheCallAndTheReason() {
        SyscallFailure failure = new SyscallFailure("umount2(\"/x\", MNT_DETACH)", 22, "Invalid argument");

        assertEquals("umount2(\"/x\", MNT_DETACH): Invalid argument", failure.getMessage());
        assertEquals(SyscallFailure.EINVAL, failure.errno());
    }

    @Test
    void javaNioFailuresGiveTheirReasonWithoutRepeatingThePath() {
        assertEquals("Device or resource busy",
                SyscallFailure.reason(new FileSystemException("/run/netns/x", null, "Device or resource busy")));
        assertEquals("No such file or directory", SyscallFailure.reason(new NoSuchFileException("/x")));
        assertEquals("File exists", SyscallFailure.reason(new FileAlreadyExistsException("/x")));
        assertEquals("closed", SyscallFailure.reason(new IOException("closed")));
    }

    @Test
    void pinNamesCannotLeaveTheirDirectory() throws RuntimeFailure {
        assertEquals("jstack-p-a.b_c", LinuxNamespacePins.checkName("jstack-p-a.b_c"));
        RuntimeFailure failure = assertThrows(RuntimeFailure.class, () -> LinuxNamespacePins.checkName(".."));
        assertEquals("invalid network namespace pin name `..`: use 1 to 255 letters, digits, '.', '_' or '-',"
                + " starting with a letter or a digit", failure.getMessage());
    }
}
