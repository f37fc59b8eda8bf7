package dev.jstack.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The layout of {@code struct ifreq} (linux/if.h) as used by SIOCGIFFLAGS and SIOCSIFFLAGS on 64-bit Linux:
 * the interface name, NUL-terminated in 16 bytes, then a union of 24 bytes whose first member here is the
 * {@code short ifr_flags}; 40 bytes in all.
 */
final class IfReq {
    static final int IFNAMSIZ = 16;
    static final int SIZE = 40;
    static final int FLAGS_OFFSET = IFNAMSIZ;
    static final short IFF_UP = 0x1;

    private IfReq() {
    }

    /** A zeroed ifreq naming {@code name}; names of 16 bytes or more do not fit with their NUL. */
    static byte[] forName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (name.isEmpty() || bytes.length >= IFNAMSIZ) {
            throw new IllegalArgumentException("interface name `" + name + "` must have 1 to 15 characters");
        }
        byte[] ifreq = new byte[SIZE];
        System.arraycopy(bytes, 0, ifreq, 0, bytes.length);
        return ifreq;
    }

    static short flags(byte[] ifreq) {
        return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getShort(FLAGS_OFFSET);
    }

    static void setFlags(byte[] ifreq, short flags) {
        ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(FLAGS_OFFSET, flags);
    }
}
