package dev.sandpod.image.unpack;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code security.capability} xattr (struct vfs_cap_data, little-endian; see capabilities(7)).
 * A v3 value binds the capabilities to a user namespace's root uid (rootid); outside that namespace the kernel
 * ignores them, so a layer built in a user namespace would ship setcap binaries that don't work in a container
 * without one. Rewriting v3 to v2 keeps the capability sets and drops the binding.
 */
public final class FileCapabilities {
    public static final String XATTR = "security.capability";

    static final int REVISION_MASK = 0xff000000;
    static final int FLAG_EFFECTIVE = 0x000001;
    static final int REVISION_1 = 0x01000000;
    static final int REVISION_2 = 0x02000000;
    static final int REVISION_3 = 0x03000000;
    static final int SIZE_1 = 12;
    static final int SIZE_2 = 20;
    static final int SIZE_3 = 24;

    private FileCapabilities() {
    }

    /**
     * The value to store: v3 becomes v2 with the same permitted/inheritable sets and effective flag; v1 and v2
     * pass through unchanged. Throws IllegalArgumentException for an unknown revision or a length that doesn't
     * match its revision.
     */
    public static byte[] withoutRootId(byte[] value) {
        if (value.length < 4) {
            throw new IllegalArgumentException("security.capability of " + value.length + " bytes is too short");
        }
        ByteBuffer in = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt(0);
        int revision = magic & REVISION_MASK;
        int expected = switch (revision) {
            case REVISION_1 -> SIZE_1;
            case REVISION_2 -> SIZE_2;
            case REVISION_3 -> SIZE_3;
            default -> throw new IllegalArgumentException(
                    "security.capability has unknown revision 0x" + Integer.toHexString(revision >>> 24));
        };
        if (value.length != expected) {
            throw new IllegalArgumentException("security.capability revision " + (revision >>> 24) + " must be "
                    + expected + " bytes, not " + value.length);
        }
        if (revision != REVISION_3) {
            return value.clone();
        }
        ByteBuffer out = ByteBuffer.allocate(SIZE_2).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(REVISION_2 | (magic & FLAG_EFFECTIVE));
        out.put(value, 4, SIZE_2 - 4); // permitted and inheritable, low and high words
        return out.array();
    }

    /** A v3 value, as a layer built in a user namespace carries it: for tests and for {@code image save}. */
    public static byte[] v3(long permitted, long inheritable, boolean effective, int rootId) {
        ByteBuffer out = ByteBuffer.allocate(SIZE_3).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(REVISION_3 | (effective ? FLAG_EFFECTIVE : 0));
        out.putInt((int) permitted).putInt((int) inheritable);
        out.putInt((int) (permitted >>> 32)).putInt((int) (inheritable >>> 32));
        out.putInt(rootId);
        return out.array();
    }
}
