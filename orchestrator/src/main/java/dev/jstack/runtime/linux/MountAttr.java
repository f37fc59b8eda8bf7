package dev.jstack.runtime.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The argument of mount_setattr(2), {@code struct mount_attr} (linux/mount.h): four native-endian u64 fields,
 * attr_set, attr_clr, propagation and userns_fd, 32 bytes in all (MOUNT_ATTR_SIZE_VER0).
 */
record MountAttr(long attrSet, long attrClr, long propagation, long usernsFd) {
    static final long MOUNT_ATTR_RDONLY = 0x1;
    static final int SIZE = 32;

    /** Read-only, and the given propagation (MS_PRIVATE, ...), for every mount the call reaches. */
    static MountAttr readOnly(long propagation) {
        return new MountAttr(MOUNT_ATTR_RDONLY, 0, propagation, 0);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder())
                .putLong(attrSet).putLong(attrClr).putLong(propagation).putLong(usernsFd).array();
    }

    @Override
    public String toString() {
        String set = attrSet == MOUNT_ATTR_RDONLY ? "MOUNT_ATTR_RDONLY" : "0x" + Long.toHexString(attrSet);
        return "{attr_set=" + set + ", propagation=" + MountFlags.describeMount(propagation) + "}";
    }
}
