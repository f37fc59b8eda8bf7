package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which socket is the supervisor's listening one, as the kernel's table of Unix sockets tells it. */
class ProcessImageTest {
    private static final List<String> TABLE = List.of(
            "Num       RefCount Protocol Flags    Type St Inode Path",
            "0000000000000000: 00000003 00000000 00000000 0001 03 5707983 /run/jstack/shop/supervisor/sock",
            "0000000000000000: 00000002 00000000 00010000 0001 01 5673194 /run/jstack/shop/supervisor/sock",
            "0000000000000000: 00000002 00000000 00010000 0001 01 5673200 /run/jstack/shop2/supervisor/sock",
            "0000000000000000: 00000003 00000000 00000000 0001 03 5673300");

    @Test
    void theListeningSocketOfThePathNotAConnectionAcceptedOnIt() {
        assertEquals(OptionalLong.of(5673194),
                ProcessImage.listeningInode(TABLE, "/run/jstack/shop/supervisor/sock"));
        assertEquals(OptionalLong.empty(), ProcessImage.listeningInode(TABLE, "/run/jstack/other/supervisor/sock"));
        assertEquals(OptionalLong.empty(), ProcessImage.listeningInode(List.of(), "/run/jstack/shop/supervisor/sock"));
    }
}
