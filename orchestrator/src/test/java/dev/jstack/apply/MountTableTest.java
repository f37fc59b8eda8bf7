package dev.jstack.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
    @TempDir
    Path tmp;

    @Test
    void findsTheMountsBelowADirectoryAmongOthersAndDecodesEscapes() throws IOException {
        Path table = Files.writeString(tmp.resolve("mountinfo"), String.join("\n",
                "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "90 26 0:50 / /run/jstack/p/bundles/c\\0401/rootfs rw - tmpfs none rw",
                "91 90 0:51 / /run/jstack/p/bundles/c\\0401/rootfs/proc rw - proc proc rw",
                "92 26 0:52 / /run/jstack/p/bundles/c\\04012/rootfs rw - tmpfs none rw",
                "93 26 0:53 /run/jstack/p/bundles/c\\0401 /mnt rw - tmpfs none rw",
                ""));
        MountTable mounts = new MountTable(table);

        Path bundle = Path.of("/run/jstack/p/bundles/c 1");
        assertEquals(List.of(bundle.resolve("rootfs"), bundle.resolve("rootfs/proc")), mounts.at(bundle));
        assertEquals(List.of(), mounts.at(Path.of("/run/jstack/q")));
    }

    @Test
    void aSnapshotAnswersForSeveralDirectoriesAndResolvesTheirSymlinksAsTheTableDoes() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real/bundles/c1"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("real"));
        Path table = Files.writeString(tmp.resolve("mountinfo"), String.join("\n",
                "26 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw",
                "90 26 0:50 / " + real.toRealPath().resolve("rootfs") + " rw - overlay overlay rw",
                ""));
        MountTable.Snapshot snapshot = new MountTable(table).read();
        Files.delete(table);

        assertEquals(List.of(real.toRealPath().resolve("rootfs")), snapshot.at(link.resolve("bundles/c1")),
                "found through the symlink, from the table as it was read");
        assertEquals(List.of(), snapshot.at(link.resolve("bundles/c2")));
        assertEquals(List.of(), new MountTable(table).at(real), "no table, no mount");
    }

    @Test
    void escapeIsTheInverseOfUnescape() {
        assertEquals("/a\\040b\\011c\\134d", MountTable.escape("/a b\tc\\d"));
        assertEquals("/a b\tc\\d", MountTable.unescape(MountTable.escape("/a b\tc\\d")));
    }
}
