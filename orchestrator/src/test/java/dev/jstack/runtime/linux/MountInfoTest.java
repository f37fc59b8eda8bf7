package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoTest {
    private static final String TABLE = String.join("\n",
            "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard",
            "24 23 0:22 / /dev/shm rw,nosuid,nodev - tmpfs tmpfs rw,size=65536k",
            "41 26 254:0 /run/netns /run/netns rw,relatime shared:5 master:2 - ext4 /dev/vda rw",
            "90 26 0:50 / /var/lib/jstack/c/rootfs rw - tmpfs none rw",
            "91 90 0:51 / /var/lib/jstack/c/rootfs/my\\040dir ro,noexec - tmpfs my\\134src rw",
            "92 90 0:52 / /var/lib/jstack/c/rootfs/proc rw - proc proc rw",
            "93 90 0:53 / /var/lib/jstack/c/rootfs/my\\040dir rw - tmpfs none rw",
            "94 26 0:54 / /var/lib/jstack/c/rootfs2 rw - tmpfs none rw",
            "");

    @Test
    void parsesEveryFieldAndDecodesEscapes() {
        MountInfo m = MountInfo.parseLine(
                "91 90 0:51 /a\\011b /var/lib/my\\040dir ro,noexec shared:7 - tmpfs my\\134src\\012 rw,size=1k");

        assertEquals(new MountInfo(91, 90, "/a\tb", "/var/lib/my dir", List.of("ro", "noexec"), List.of("shared:7"),
                "tmpfs", "my\\src\n"), m);
    }

    @Test
    void readsOptionalFieldsOfAnyCount() {
        List<MountInfo> mounts = MountInfo.parse(TABLE);

        assertEquals(8, mounts.size());
        assertEquals(List.of(), mounts.get(1).optionalFields());
        assertEquals(List.of("shared:5", "master:2"), mounts.get(2).optionalFields());
        assertEquals("ext4", mounts.get(2).fsType());
    }

    @Test
    void decodesUtf8NamesFromTheirBytes() {
        String bytes = new String("/srv/caf\u00e9\\040x".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);

        assertEquals("/srv/caf\u00e9 x", MountInfo.unescape(bytes));
        assertEquals("/trailing\\04", MountInfo.unescape("/trailing\\04"));
        assertEquals("/not\\08octal", MountInfo.unescape("/not\\08octal"));
    }

    @Test
    void refusesALineWithoutTheSeparator() {
        assertThrows(IllegalArgumentException.class, () -> MountInfo.parseLine("26 1 254:0 / / rw ext4 /dev/vda rw"));
    }

    @Test
    void selectsATreeDeepestFirstAndNotItsNamesakeSibling() {
        List<String> order = MountInfo.atOrBelowDeepestFirst(MountInfo.parse(TABLE), "/var/lib/jstack/c/rootfs")
                .stream().map(m -> m.id() + " " + m.mountPoint()).toList();

        assertEquals(List.of(
                "91 /var/lib/jstack/c/rootfs/my dir",
                "93 /var/lib/jstack/c/rootfs/my dir",
                "92 /var/lib/jstack/c/rootfs/proc",
                "90 /var/lib/jstack/c/rootfs"), order);
    }

    @Test
    void knowsWhatIsAtOrBelowAPath() {
        MountInfo netns = MountInfo.parse(TABLE).get(2);

        assertTrue(netns.isAtOrBelow("/run/netns"));
        assertTrue(netns.isAtOrBelow("/run"));
        assertTrue(netns.isAtOrBelow("/"));
        assertFalse(netns.isAtOrBelow("/run/net"));
        assertEquals(2, netns.depth());
        assertEquals(0, MountInfo.parse(TABLE).get(0).depth());
    }

    @Test
    void keepsThePerMountFlagsForARemount() {
        MountInfo shm = MountInfo.parse(TABLE).get(1);
        MountInfo dir = MountInfo.parse(TABLE).get(4);

        assertEquals(MountFlags.MS_NOSUID | MountFlags.MS_NODEV, shm.perMountFlags());
        assertEquals(MountFlags.MS_RDONLY | MountFlags.MS_NOEXEC, dir.perMountFlags());
    }

    @Test
    void escapesAPathAsTheKernelWritesIt() {
        assertEquals("/var/lib/my\\040dir/a\\134b", MountInfo.escape("/var/lib/my dir/a\\b"));
        String utf8 = new String("/srv/\u00e9t\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(utf8, MountInfo.escape("/srv/\u00e9t\u00e9"));
    }

    @Test
    void onlyLinesHoldingThePathAreParsedAndTheOrderStaysTheSame() {
        String needle = MountInfo.escape("/var/lib/jstack/c/rootfs");
        List<MountInfo> filtered = MountInfo.atOrBelowDeepestFirst(MountInfo.parse(TABLE, needle),
                "/var/lib/jstack/c/rootfs");
        assertEquals(MountInfo.atOrBelowDeepestFirst(MountInfo.parse(TABLE), "/var/lib/jstack/c/rootfs"), filtered);
        assertEquals(4, filtered.size());
        assertEquals(List.of(), MountInfo.parse(TABLE, MountInfo.escape("/nowhere")));
    }
}
