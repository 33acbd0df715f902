package dev.sandpod.runtime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link ContainerSpec} into an OCI runtime-spec 1.0 config whose defaults match Docker's (moby's
 * {@code oci/defaults.go} and runc's): Docker's default capability set in the bounding, effective and permitted
 * sets (inheritable and ambient empty, so a non-root process starts with no effective capabilities unless a
 * file capability gives it one), {@code noNewPrivileges} false, NOFILE 1048576, Docker's masked and read-only
 * paths, the standard /proc, /dev, /sys mounts and device cgroup rules.
 */
public final class OciSpecBuilder {
    public static final String OCI_VERSION = "1.0.2";
    public static final long CPU_PERIOD_US = 100_000;
    public static final long NOFILE = 1_048_576;

    /** Docker's default capabilities. */
    public static final List<String> DEFAULT_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    /** Every capability Linux 5.9+ knows, in number order. */
    public static final List<String> ALL_CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER",
            "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN",
            "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",
            "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
            "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF",
            "CAP_CHECKPOINT_RESTORE");

    /** Docker's masked paths: bind-mounted over with /dev/null (files) or an empty read-only tmpfs (dirs). */
    public static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    /** Docker's read-only paths. */
    public static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    /** Character devices the device cgroup allows after denying all: major, minor (-1 = any), access. */
    record DeviceRule(String type, long major, long minor, String access) {
    }

    static final List<DeviceRule> ALLOWED_DEVICES = List.of(
            new DeviceRule("c", -1, -1, "m"), new DeviceRule("b", -1, -1, "m"),
            new DeviceRule("c", 1, 3, "rwm"),   // /dev/null
            new DeviceRule("c", 1, 8, "rwm"),   // /dev/random
            new DeviceRule("c", 1, 7, "rwm"),   // /dev/full
            new DeviceRule("c", 5, 0, "rwm"),   // /dev/tty
            new DeviceRule("c", 1, 5, "rwm"),   // /dev/zero
            new DeviceRule("c", 1, 9, "rwm"),   // /dev/urandom
            new DeviceRule("c", 136, -1, "rwm"), // /dev/pts/*
            new DeviceRule("c", 5, 2, "rwm"),   // /dev/ptmx
            new DeviceRule("c", 5, 1, "rwm"));  // /dev/console

    private static final Pattern ENV = Pattern.compile("[^=\\x00]+=[^\\x00]*");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]{0,62})?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final long nofile;

    /** Docker's NOFILE of 1048576. */
    public OciSpecBuilder() {
        this(NOFILE);
    }

    /**
     * NOFILE clamped to {@code maxNofile}: root without CAP_SYS_RESOURCE (as on this project's hosts) can't raise
     * a hard limit above its own, and runc then fails the container ("error setting rlimit type 7").
     */
    public OciSpecBuilder(long maxNofile) {
        this.nofile = Math.min(NOFILE, maxNofile);
    }

    /** This process's hard NOFILE limit, from /proc/self/limits; Docker's value if it can't be read. */
    public static long ownNofileHardLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return parts[1].equals("unlimited") ? NOFILE : Long.parseLong(parts[1]);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return NOFILE;
        }
        return NOFILE;
    }

    /** config.json annotation naming the runtime class ({@link RuntimeClass#id()}); absent for runc. */
    public static final String ANNOTATION_RUNTIME = "dev.sandpod.runtime";
    /** config.json annotation (runsc only): the netns conmon and runsc are started in. */
    public static final String ANNOTATION_NETNS = "dev.sandpod.netns";

    public OciSpec build(ContainerSpec spec) throws BadSpecException {
        validate(spec);
        ObjectNode root = NODES.objectNode();
        root.put("ociVersion", OCI_VERSION);
        root.set("process", process(spec));
        ObjectNode rootfs = root.putObject("root");
        rootfs.put("path", "rootfs");
        rootfs.put("readonly", spec.readOnlyRootfs());
        root.put("hostname", spec.hostname());
        root.set("mounts", mounts(spec));
        root.set("linux", linux(spec));
        // Which runtime conmon runs, and (for runsc) the netns conmon itself starts in: runsc's --network=host
        // then means the pod's namespace, since runsc's own network stack refuses to start in a netns here.
        // No annotation means runc.
        if (spec.runtime() != RuntimeClass.RUNC) {
            ObjectNode annotations = root.putObject("annotations");
            annotations.put(ANNOTATION_RUNTIME, spec.runtime().id());
            spec.networkNamespace().ifPresent(path -> annotations.put(ANNOTATION_NETNS, path.toString()));
        }
        return new OciSpec(root);
    }

    private static void validate(ContainerSpec spec) throws BadSpecException {
        if (spec.runtime() == RuntimeClass.RUNSC && spec.pidNamespace().isPresent()) {
            throw new BadSpecException("pidNamespace", "runsc containers can't join another container's PID namespace");
        }
        if (spec.args().isEmpty() || spec.args().getFirst().isEmpty()) {
            throw new BadSpecException("args", "the command is empty; give the image a command or pass one");
        }
        for (String arg : spec.args()) {
            if (arg.indexOf('\0') >= 0) {
                throw new BadSpecException("args", "an argument holds a NUL byte");
            }
        }
        for (String e : spec.env()) {
            if (!ENV.matcher(e).matches()) {
                throw new BadSpecException("env", "'" + e + "' is not KEY=VALUE");
            }
        }
        if (!spec.cwd().startsWith("/")) {
            throw new BadSpecException("cwd", "'" + spec.cwd() + "' is not an absolute path");
        }
        if (spec.user().uid() < 0 || spec.user().gid() < 0 || spec.user().additionalGids().stream().anyMatch(g -> g < 0)) {
            throw new BadSpecException("user", "uids and gids can't be negative");
        }
        if (!HOSTNAME.matcher(spec.hostname()).matches()) {
            throw new BadSpecException("hostname", "'" + spec.hostname() + "' is not a valid host name");
        }
        for (ContainerSpec.BindMount m : spec.mounts()) {
            if (!m.source().isAbsolute() || !m.destination().startsWith("/")) {
                throw new BadSpecException("mounts", m.source() + ":" + m.destination() + " needs absolute paths on both sides");
            }
        }
        ContainerSpec.Limits limits = spec.limits();
        if (limits.memoryBytes().isPresent() && limits.memoryBytes().getAsLong() < 6 * 1024 * 1024) {
            throw new BadSpecException("limits.memory", limits.memoryBytes().getAsLong()
                    + " bytes is below the 6 MiB a container needs to start (as Docker requires)");
        }
        if (limits.cpuMillis().isPresent() && limits.cpuMillis().getAsLong() < 10) {
            throw new BadSpecException("limits.cpus", "a CPU quota below 0.01 CPU (" + limits.cpuMillis().getAsLong()
                    + " millicpus) can't be enforced");
        }
        if (limits.pids().isPresent() && limits.pids().getAsLong() < 1) {
            throw new BadSpecException("limits.pids", "a pids limit must be at least 1");
        }
        if (spec.cgroupsPath() == null || !spec.cgroupsPath().startsWith("/") || spec.cgroupsPath().contains("..")) {
            throw new BadSpecException("cgroupsPath", "'" + spec.cgroupsPath() + "' must be an absolute cgroup path");
        }
        for (String cap : spec.capAdd()) {
            capabilityName("capAdd", cap);
        }
        for (String cap : spec.capDrop()) {
            capabilityName("capDrop", cap);
        }
    }

    /** CAP_X from x, X or CAP_X; ALL stays ALL. */
    static String capabilityName(String field, String given) throws BadSpecException {
        String upper = given.toUpperCase(Locale.ROOT);
        if (upper.equals("ALL")) {
            return upper;
        }
        String name = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
        if (!ALL_CAPABILITIES.contains(name)) {
            throw new BadSpecException(field, "'" + given + "' is not a Linux capability");
        }
        return name;
    }

    /** Docker's rule: drop first (ALL empties the set), then add (ALL adds every capability). */
    static List<String> capabilities(ContainerSpec spec) throws BadSpecException {
        Set<String> caps = new LinkedHashSet<>(DEFAULT_CAPABILITIES);
        for (String d : spec.capDrop()) {
            String name = capabilityName("capDrop", d);
            if (name.equals("ALL")) {
                caps.clear();
            } else {
                caps.remove(name);
            }
        }
        for (String a : spec.capAdd()) {
            String name = capabilityName("capAdd", a);
            if (name.equals("ALL")) {
                caps.addAll(ALL_CAPABILITIES);
            } else {
                caps.add(name);
            }
        }
        return List.copyOf(caps);
    }

    private ObjectNode process(ContainerSpec spec) throws BadSpecException {
        ObjectNode p = NODES.objectNode();
        p.put("terminal", false);
        ObjectNode user = p.putObject("user");
        user.put("uid", spec.user().uid());
        user.put("gid", spec.user().gid());
        if (!spec.user().additionalGids().isEmpty()) {
            ArrayNode gids = user.putArray("additionalGids");
            spec.user().additionalGids().forEach(gids::add);
        }
        strings(p.putArray("args"), spec.args());
        strings(p.putArray("env"), spec.env());
        p.put("cwd", spec.cwd());
        List<String> caps = capabilities(spec);
        ObjectNode c = p.putObject("capabilities");
        strings(c.putArray("bounding"), caps);
        strings(c.putArray("effective"), caps);
        strings(c.putArray("permitted"), caps);
        c.putArray("inheritable");
        c.putArray("ambient");
        ObjectNode nofile = p.putArray("rlimits").addObject();
        nofile.put("type", "RLIMIT_NOFILE");
        nofile.put("hard", this.nofile);
        nofile.put("soft", this.nofile);
        p.put("noNewPrivileges", false);
        return p;
    }

    private static ArrayNode mounts(ContainerSpec spec) {
        ArrayNode m = NODES.arrayNode();
        mount(m, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(m, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(m, "/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
        mount(m, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(m, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(m, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        mount(m, "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", "relatime", "ro"));
        for (ContainerSpec.BindMount b : spec.mounts()) {
            mount(m, b.destination(), "bind", b.source().toString(),
                    b.readOnly() ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate"));
        }
        return m;
    }

    private static void mount(ArrayNode mounts, String destination, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject();
        m.put("destination", destination);
        m.put("type", type);
        m.put("source", source);
        strings(m.putArray("options"), options);
    }

    private static ObjectNode linux(ContainerSpec spec) {
        ObjectNode l = NODES.objectNode();
        l.put("cgroupsPath", spec.cgroupsPath());
        ObjectNode resources = l.putObject("resources");
        ArrayNode devices = resources.putArray("devices");
        ObjectNode denyAll = devices.addObject();
        denyAll.put("allow", false);
        denyAll.put("access", "rwm");
        for (DeviceRule rule : ALLOWED_DEVICES) {
            ObjectNode d = devices.addObject();
            d.put("allow", true);
            d.put("type", rule.type());
            if (rule.major() >= 0) {
                d.put("major", rule.major());
            }
            if (rule.minor() >= 0) {
                d.put("minor", rule.minor());
            }
            d.put("access", rule.access());
        }
        ContainerSpec.Limits limits = spec.limits();
        limits.memoryBytes().ifPresent(bytes -> {
            ObjectNode memory = resources.putObject("memory");
            memory.put("limit", bytes);
            // No swap beyond the limit: an over-limit container is OOM-killed, as the limit promises.
            memory.put("swap", bytes);
        });
        limits.cpuMillis().ifPresent(millis -> {
            ObjectNode cpu = resources.putObject("cpu");
            cpu.put("quota", millis * CPU_PERIOD_US / 1000);
            cpu.put("period", CPU_PERIOD_US);
        });
        limits.pids().ifPresent(max -> resources.putObject("pids").put("limit", max));
        ArrayNode ns = l.putArray("namespaces");
        ObjectNode pid = ns.addObject().put("type", "pid");
        spec.pidNamespace().ifPresent(path -> pid.put("path", path.toString()));
        ns.addObject().put("type", "ipc");
        ns.addObject().put("type", "uts");
        ns.addObject().put("type", "mount");
        if (spec.runtime() == RuntimeClass.RUNC) {
            spec.networkNamespace().ifPresent(path -> ns.addObject().put("type", "network").put("path", path.toString()));
        }
        strings(l.putArray("maskedPaths"), MASKED_PATHS);
        strings(l.putArray("readonlyPaths"), READONLY_PATHS);
        return l;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
