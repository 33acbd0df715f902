package dev.sandpod.net;

/** Every subnet of the pool is taken by a sandbox (of any root) or overlaps an address on the host. */
public final class SubnetPoolExhaustedException extends NetworkException {
    public SubnetPoolExhaustedException(String pool, int prefixLength, int inUse, int overlapping) {
        super("no free /" + prefixLength + " subnet left in " + pool + ": " + inUse + " allocated to sandboxes, "
                        + overlapping + " overlapping addresses or routes on this host",
                "remove sandboxes you no longer need (sandpod rm / down), run `sandpod doctor` to reclaim leftovers "
                        + "of crashed runs, or configure a larger pool", null);
    }
}
