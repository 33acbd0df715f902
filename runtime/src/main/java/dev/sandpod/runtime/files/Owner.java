package dev.sandpod.runtime.files;

/** A numeric owner for files made in a container: uid and gid as the container's kernel sees them. */
public record Owner(long uid, long gid) {
    public static final Owner ROOT = new Owner(0, 0);
    /** Linux ids are unsigned 32-bit; (uid_t) -1 means "don't change" to chown, so it is refused too. */
    static final long MAX_ID = 0xfffffffeL;

    public Owner {
        if (uid < 0 || gid < 0 || uid > MAX_ID || gid > MAX_ID) {
            throw new IllegalArgumentException("owner ids are 0 to " + MAX_ID + ": " + uid + ":" + gid);
        }
    }

    @Override
    public String toString() {
        return uid + ":" + gid;
    }
}
