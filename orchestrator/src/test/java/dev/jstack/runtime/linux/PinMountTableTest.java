package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinMountTableTest {
    private static final List<MountInfo> TABLE = MountInfo.parse(String.join("\n",
            "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "41 26 0:25 / /run rw,nosuid shared:5 - tmpfs tmpfs rw",
            "50 41 0:4 net:[4026532281] /run/netns/a rw shared:9 - nsfs nsfs rw",
            "51 41 0:4 ipc:[4026532282] /run/netns/b rw - nsfs nsfs rw",
            "52 41 0:4 net:[4026532283] /run/netns/c rw - nsfs nsfs rw",
            "53 52 0:60 / /run/netns/c rw - tmpfs none rw",
            ""));

    private static List<MountInfo> at(String point) {
        return TABLE.stream().filter(m -> m.mountPoint().equals(point)).toList();
    }

    @Test
    void aNetworkNamespaceMountIsOne() {
        assertTrue(LinuxNamespacePins.top(at("/run/netns/a")).map(LinuxNamespacePins::isNetworkNamespaceMount)
                .orElseThrow());
    }

    @Test
    void anotherNamespaceTypeIsNot() {
        assertFalse(LinuxNamespacePins.isNetworkNamespaceMount(LinuxNamespacePins.top(at("/run/netns/b"))
                .orElseThrow()));
    }

    @Test
    void whatIsMountedOverAPinHidesIt() {
        MountInfo top = LinuxNamespacePins.top(at("/run/netns/c")).orElseThrow();
        assertEquals(53, top.id());
        assertFalse(LinuxNamespacePins.isNetworkNamespaceMount(top));
    }

    @Test
    void nothingMountedLeavesTheQuestionToTheKernel() {
        assertEquals(Optional.empty(), LinuxNamespacePins.top(at("/proc/1/ns/net")));
    }
}
