package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a table of mounts stacked on one point names the namespace that opening the point reaches. */
class NamespaceMountsTest {
    private static final List<MountInfo> TABLE = MountInfo.parse(String.join("\n",
            "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
            "41 26 0:25 / /run rw,nosuid shared:5 - tmpfs tmpfs rw",
            "50 41 0:4 net:[4026532281] /run/netns/a rw shared:9 - nsfs nsfs rw",
            "51 41 0:4 ipc:[4026532282] /run/netns/b rw - nsfs nsfs rw",
            "52 41 0:4 net:[4026532283] /run/netns/c rw - nsfs nsfs rw",
            "53 52 254:0 /tmp/plain /run/netns/c rw - ext4 /dev/vda rw",
            "54 41 0:4 net:[4026532284] /run/netns/d rw - nsfs nsfs rw",
            "55 41 0:4 net:[4026532285] /run/netns/d rw - nsfs nsfs rw",
            ""));

    private static Optional<MountInfo> top(String point) {
        return NamespaceMounts.top(TABLE.stream().filter(m -> m.mountPoint().equals(point)).toList());
    }

    @Test
    void aNetworkNamespaceMountIsOne() {
        assertTrue(NamespaceMounts.isNetworkNamespaceMount(top("/run/netns/a").orElseThrow()));
    }

    @Test
    void anotherNamespaceTypeIsNot() {
        assertFalse(NamespaceMounts.isNetworkNamespaceMount(top("/run/netns/b").orElseThrow()));
    }

    @Test
    void whatIsMountedOverAPinHidesIt() {
        MountInfo top = top("/run/netns/c").orElseThrow();
        assertEquals(53, top.id());
        assertFalse(NamespaceMounts.isNetworkNamespaceMount(top));
    }

    @Test
    void twoMountsWithoutOneOnTheOtherHaveNoTop() {
        assertEquals(Optional.empty(), top("/run/netns/d"));
    }

    @Test
    void nothingMountedLeavesTheQuestionToTheKernel() {
        assertEquals(Optional.empty(), top("/proc/1/ns/net"));
    }
}
