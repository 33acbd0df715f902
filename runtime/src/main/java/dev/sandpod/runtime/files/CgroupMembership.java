package dev.sandpod.runtime.files;

/**
 * Reads /proc/PID/cgroup: whether a process is in a container's cgroup (in any hierarchy, v1 or v2), which is
 * how a pid read from conmon's pid file is known to still be the container's process and not a reused pid.
 */
final class CgroupMembership {
    private CgroupMembership() {
    }

    /** @param procCgroup the text of /proc/PID/cgroup: lines of {@code id:controllers:path} */
    static boolean isIn(String procCgroup, String cgroupPath) {
        for (String line : procCgroup.split("\n")) {
            int second = line.indexOf(':', line.indexOf(':') + 1);
            if (second < 0) {
                continue;
            }
            String path = line.substring(second + 1).strip();
            if (path.equals(cgroupPath) || path.startsWith(cgroupPath + "/")) {
                return true;
            }
        }
        return false;
    }
}
