package dev.jstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.ContainerSpec.MountSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultsTest {

    private static final List<String> DOCKER_DEFAULT_SORTED = List.of(
            "CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_MKNOD",
            "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
            "CAP_SYS_CHROOT");

    @Test
    void noChangesGiveDockersDefaultSetSorted() {
        assertEquals(DOCKER_DEFAULT_SORTED, Defaults.capabilities(List.of(), List.of(), false));
    }

    @Test
    void namesAreCaseInsensitiveAndThePrefixOptional() {
        List<String> caps = Defaults.capabilities(List.of("net_admin", "CAP_SYS_PTRACE", "Net_Admin"),
                List.of("cap_mknod", "NET_RAW"), false);
        assertEquals(List.of("CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID",
                "CAP_KILL", "CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
                "CAP_SETUID", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE"), caps);
    }

    @Test
    void dropAllKeepsOnlyTheAdded() {
        assertEquals(List.of("CAP_CHOWN", "CAP_NET_BIND_SERVICE"),
                Defaults.capabilities(List.of("net_bind_service", "chown"), List.of("all"), false));
    }

    @Test
    void addAllGivesEverythingButTheDropped() {
        List<String> caps = Defaults.capabilities(List.of("ALL"), List.of("SYS_ADMIN"), false);
        assertEquals(40, caps.size());
        assertFalse(caps.contains("CAP_SYS_ADMIN"));
        assertTrue(caps.contains("CAP_CHECKPOINT_RESTORE"));
    }

    @Test
    void anAddWinsOverADropOfTheSameName() {
        assertTrue(Defaults.capabilities(List.of("KILL"), List.of("KILL"), false).contains("CAP_KILL"));
    }

    @Test
    void privilegedGetsEveryCapabilityWhateverIsDropped() {
        List<String> caps = Defaults.capabilities(List.of(), List.of("ALL"), true);
        assertEquals(41, caps.size());
        assertEquals(Defaults.ALL_CAPABILITIES.stream().sorted().toList(), caps);
    }

    @Test
    void everyCapabilityMeansEveryOneTheHostCanGrant() {
        List<String> host = Defaults.namesOf(0x000001fffeffffffL);
        assertEquals(40, host.size());
        assertFalse(host.contains("CAP_SYS_RESOURCE"), "bit 24 is clear");
        assertEquals(host.stream().sorted().toList(), Defaults.capabilities(List.of(), List.of(), true, host));
        assertEquals(39, Defaults.capabilities(List.of("ALL"), List.of("BPF"), false, host).size());
        assertEquals(DOCKER_DEFAULT_SORTED, Defaults.capabilities(List.of(), List.of(), false, host));
    }

    @Test
    void capabilityBitsFollowKernelNumbering() {
        assertEquals(DOCKER_DEFAULT_SORTED, Defaults.namesOf(0xa80425fbL).stream().sorted().toList());
        assertEquals(List.of("CAP_CHECKPOINT_RESTORE"), Defaults.namesOf(1L << 40));
        assertEquals(List.of(), Defaults.namesOf(1L << 41));
    }

    @Test
    void anUnknownNameIsRejectedWithTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Defaults.capabilities(List.of("NET_ADMINN"), List.of(), false));
        assertEquals("unknown capability \"NET_ADMINN\": use a Linux capability name such as NET_ADMIN or"
                + " SYS_PTRACE, or ALL", e.getMessage());
    }

    @Test
    void pathIsAddedOnlyWhenTheEnvironmentHasNone() {
        assertEquals(List.of("A=1", Defaults.PATH), Defaults.environment(List.of("A=1")));
        assertEquals(List.of("PATH=/opt/bin", "A=1"), Defaults.environment(List.of("PATH=/opt/bin", "A=1")));
        assertEquals(List.of("PATHS=x", Defaults.PATH), Defaults.environment(List.of("PATHS=x")));
    }

    @Test
    void privilegedLiftsMasksReadOnlyPathsAndNoNewPrivileges() {
        assertTrue(Defaults.maskedPaths(false).contains("/proc/kcore"));
        assertTrue(Defaults.readonlyPaths(false).contains("/proc/sys"));
        assertEquals(List.of(), Defaults.maskedPaths(true));
        assertEquals(List.of(), Defaults.readonlyPaths(true));
        assertTrue(Defaults.noNewPrivileges(false));
        assertFalse(Defaults.noNewPrivileges(true));
    }

    @Test
    void sysfsAndCgroupsAreReadOnlyUnlessPrivileged() {
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup"),
                Defaults.mounts(false).stream().map(MountSpec::destination).toList());
        assertEquals(new MountSpec("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
                Defaults.mounts(false).get(5));
        assertTrue(Defaults.mounts(false).get(6).options().contains("ro"));
        assertTrue(Defaults.mounts(true).get(5).options().contains("rw"));
        assertTrue(Defaults.mounts(true).get(6).options().contains("rw"));
        assertTrue(Defaults.mounts(false).get(3).options().contains("size=65536k"), "/dev/shm is 64 MiB");
    }
}
