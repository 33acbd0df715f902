package dev.sandpod.sandbox.doctor;

/** What kind of thing {@link Doctor} found, in the order it removes them. */
public enum LeftoverKind {
    CONMON_PROCESS("conmon process"),
    RUNC_CONTAINER("runc container"),
    MOUNT("mount"),
    CGROUP("cgroup"),
    ALLOCATION("subnet allocation"),
    VETH("veth"),
    BRIDGE("bridge"),
    NETNS_PIN("netns pin"),
    NETNS_DIR("netns directory mount"),
    LEASE_DIR("IP lease directory"),
    RUNTIME_FILES("runtime files"),
    SANDBOX_DIR("sandbox directory"),
    CONTAINER_DIR("container directory"),
    INGEST_PARTIAL("partial download"),
    LAYER_TEMP("partial layer");

    private final String label;

    LeftoverKind(String label) {
        this.label = label;
    }

    /** How people read it: {@code netns pin}, {@code cgroup}. */
    public String label() {
        return label;
    }
}
