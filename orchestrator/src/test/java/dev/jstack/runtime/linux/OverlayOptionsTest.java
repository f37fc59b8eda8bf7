package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jstack.runtime.RuntimeFailure;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayOptionsTest {
    private static final Path UPPER = Path.of("/var/lib/jstack/c/upper");
    private static final Path WORK = Path.of("/var/lib/jstack/c/work");

    @Test
    void lowerLayersKeepTheirOrderTopFirst() throws RuntimeFailure {
        assertEquals("lowerdir=/layers/top:/layers/base"
                + ",upperdir=/var/lib/jstack/c/upper,workdir=/var/lib/jstack/c/work",
                LinuxRootfsMounts.overlayOptions(List.of(Path.of("/layers/top"), Path.of("/layers/./x/../base")),
                        UPPER, WORK));
    }

    @Test
    void refusesSeparatorsInAnyPath() {
        for (String bad : List.of("/l,ayer", "/la:yer", "/la\\yer")) {
            RuntimeFailure failure = assertThrows(RuntimeFailure.class,
                    () -> LinuxRootfsMounts.overlayOptions(List.of(Path.of(bad)), UPPER, WORK));
            assertEquals("cannot use " + bad + " in an overlay: overlayfs reads ',', ':' and '\\' in its options as"
                    + " separators; rename the directory", failure.getMessage());
        }
        assertThrows(RuntimeFailure.class,
                () -> LinuxRootfsMounts.overlayOptions(List.of(Path.of("/l")), Path.of("/u:p"), WORK));
    }

    @Test
    void refusesNoLayerAndOptionsLongerThanAPage() {
        assertThrows(RuntimeFailure.class, () -> LinuxRootfsMounts.overlayOptions(List.of(), UPPER, WORK));
        List<Path> many = Collections.nCopies(100, Path.of("/var/lib/jstack/images/sha256-" + "0".repeat(24)));

        RuntimeFailure failure = assertThrows(RuntimeFailure.class,
                () -> LinuxRootfsMounts.overlayOptions(many, UPPER, WORK));

        // "lowerdir=" 9 + 100 paths of 54 + 99 colons + ",upperdir=..." 33 + ",workdir=..." 31 = 5572
        assertEquals("the overlay options take 5572 bytes, more than the kernel's 4095: use fewer layers or shorter"
                + " directory names", failure.getMessage());
    }
}
