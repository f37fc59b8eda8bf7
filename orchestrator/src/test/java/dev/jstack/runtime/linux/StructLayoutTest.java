package dev.jstack.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The byte layouts handed to the kernel: struct ifreq and struct mount_attr on 64-bit little-endian Linux. */
class StructLayoutTest {

    @Test
    void ifreqHoldsTheNulTerminatedNameThenTheFlagsAtOffset16() {
        byte[] ifreq = IfReq.forName("lo");

        assertEquals(40, ifreq.length);
        byte[] expected = new byte[40];
        expected[0] = 'l';
        expected[1] = 'o';
        assertArrayEquals(expected, ifreq);

        IfReq.setFlags(ifreq, (short) 0x1049);
        assertEquals(ByteOrder.LITTLE_ENDIAN, ByteOrder.nativeOrder(), "x86_64 and aarch64 Linux are little-endian");
        assertEquals(0x49, ifreq[16]);
        assertEquals(0x10, ifreq[17]);
        assertEquals(0, ifreq[15]);
        assertEquals(0, ifreq[18]);
        assertEquals((short) 0x1049, IfReq.flags(ifreq));
    }

    @Test
    void ifreqNamesLeaveRoomForTheirNul() {
        assertEquals('5', IfReq.forName("abcdefghijklmn5")[14]);
        assertThrows(IllegalArgumentException.class, () -> IfReq.forName("abcdefghijklmno6"));
        assertThrows(IllegalArgumentException.class, () -> IfReq.forName(""));
    }

    @Test
    void mountAttrIsFourU64Fields() {
        byte[] bytes = new MountAttr(0x1, 0x2, MountFlags.MS_PRIVATE, 0x4).toBytes();

        byte[] expected = new byte[32];
        expected[0] = 0x1;
        expected[8] = 0x2;
        expected[18] = 0x04;
        expected[24] = 0x4;
        assertArrayEquals(expected, bytes);
        assertEquals("{attr_set=MOUNT_ATTR_RDONLY, propagation=MS_PRIVATE}",
                MountAttr.readOnly(MountFlags.MS_PRIVATE).toString());
    }
}
