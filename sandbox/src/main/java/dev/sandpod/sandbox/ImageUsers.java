package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An image's own /etc/passwd and /etc/group, and {@code -u} resolved against them as Docker does: {@code name},
 * {@code uid}, {@code uid:gid} or {@code name:group} (mixed too). A user found in passwd gets its primary gid and,
 * when no group is given, the gids of every group that lists it as a member. A numeric uid not in passwd runs with
 * gid 0. Comments, blank lines and malformed lines are ignored.
 */
final class ImageUsers {
    static final ImageUsers NONE = new ImageUsers(List.of(), List.of());
    /** Docker's bounds for ids: 0 to 2^31-1. */
    static final long MAX_ID = Integer.MAX_VALUE;

    record PasswdEntry(String name, long uid, long gid, String home) {
    }

    record GroupEntry(String name, long gid, List<String> members) {
        GroupEntry {
            members = List.copyOf(members);
        }
    }

    /** A spec naming a user (or group) the image does not have. */
    static final class UnknownUserException extends Exception {
        UnknownUserException(String message) {
            super(message);
        }
    }

    private final List<PasswdEntry> passwd;
    private final List<GroupEntry> groups;

    ImageUsers(List<PasswdEntry> passwd, List<GroupEntry> groups) {
        this.passwd = List.copyOf(passwd);
        this.groups = List.copyOf(groups);
    }

    static ImageUsers parse(String passwdText, String groupText) {
        return new ImageUsers(parsePasswd(passwdText), parseGroup(groupText));
    }

    List<PasswdEntry> passwd() {
        return passwd;
    }

    List<GroupEntry> groups() {
        return groups;
    }

    static List<PasswdEntry> parsePasswd(String text) {
        List<PasswdEntry> out = new ArrayList<>();
        for (String line : lines(text)) {
            String[] f = line.split(":", -1);
            if (f.length < 4 || f[0].isEmpty()) {
                continue;
            }
            Optional<Long> uid = id(f[2]);
            Optional<Long> gid = id(f[3]);
            if (uid.isEmpty() || gid.isEmpty()) {
                continue;
            }
            out.add(new PasswdEntry(f[0], uid.get(), gid.get(), f.length > 5 ? f[5] : ""));
        }
        return out;
    }

    static List<GroupEntry> parseGroup(String text) {
        List<GroupEntry> out = new ArrayList<>();
        for (String line : lines(text)) {
            String[] f = line.split(":", -1);
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            Optional<Long> gid = id(f[2]);
            if (gid.isEmpty()) {
                continue;
            }
            List<String> members = new ArrayList<>();
            if (f.length > 3) {
                for (String m : f[3].split(",")) {
                    if (!m.isBlank()) {
                        members.add(m.strip());
                    }
                }
            }
            out.add(new GroupEntry(f[0], gid.get(), members));
        }
        return out;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }

    private static Optional<Long> id(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 10) {
            return Optional.empty();
        }
        long v = Long.parseLong(text);
        return v <= MAX_ID ? Optional.of(v) : Optional.empty();
    }

    /** Checks the form of a {@code -u} value without an image: user[:group], neither part empty. */
    static void checkSyntax(String spec) throws InvalidRequestException {
        String[] parts = spec.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new InvalidRequestException("user", "'" + spec + "' is not user[:group]",
                    "give a name or uid, optionally with a group or gid: app, 1000, 1000:1000, app:staff");
        }
        for (String p : parts) {
            if (p.chars().allMatch(Character::isDigit) && id(p).isEmpty()) {
                throw new InvalidRequestException("user", "'" + p + "' is out of range",
                        "uids and gids are 0 to " + MAX_ID);
            }
        }
    }

    /**
     * The container user for {@code spec} (empty: root).
     *
     * @throws UnknownUserException when a name is not in the image's passwd (or group)
     */
    ContainerSpec.User resolve(String spec) throws InvalidRequestException, UnknownUserException {
        if (spec.isEmpty()) {
            spec = "root";
        }
        checkSyntax(spec);
        String[] parts = spec.split(":", -1);
        String userPart = parts[0];
        Optional<String> groupPart = parts.length > 1 ? Optional.of(parts[1]) : Optional.empty();
        Optional<Long> numericUid = id(userPart);
        Optional<PasswdEntry> entry = passwd.stream()
                .filter(p -> numericUid.map(u -> u == p.uid()).orElse(p.name().equals(userPart)))
                .findFirst();
        long uid;
        long gid;
        if (entry.isPresent()) {
            uid = entry.get().uid();
            gid = entry.get().gid();
        } else if (numericUid.isPresent()) {
            uid = numericUid.get();
            gid = 0;
        } else if (userPart.equals("root")) {
            uid = 0; // an image without a passwd still runs as root
            gid = 0;
        } else {
            throw new UnknownUserException("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart.isPresent()) {
            String g = groupPart.get();
            Optional<Long> numericGid = id(g);
            Optional<GroupEntry> group = groups.stream()
                    .filter(e -> numericGid.map(n -> n == e.gid()).orElse(e.name().equals(g)))
                    .findFirst();
            if (group.isPresent()) {
                gid = group.get().gid();
            } else if (numericGid.isPresent()) {
                gid = numericGid.get();
            } else if (g.equals("root")) {
                gid = 0;
            } else {
                throw new UnknownUserException("unable to find group " + g + ": no matching entries in group file");
            }
            return new ContainerSpec.User(uid, gid, List.of());
        }
        List<Long> supplementary = new ArrayList<>();
        if (entry.isPresent()) {
            String name = entry.get().name();
            for (GroupEntry g : groups) {
                if (g.members().contains(name) && !supplementary.contains(g.gid())) {
                    supplementary.add(g.gid());
                }
            }
        }
        return new ContainerSpec.User(uid, gid, supplementary);
    }

    /** The home directory passwd gives the user of {@code spec} (user[:group]); empty if it has no entry. */
    Optional<String> home(String spec) {
        String userPart = spec.isEmpty() ? "root" : spec.split(":", -1)[0];
        Optional<Long> numericUid = id(userPart);
        return passwd.stream()
                .filter(p -> numericUid.map(u -> u == p.uid()).orElse(p.name().equals(userPart)))
                .findFirst().map(PasswdEntry::home).filter(h -> !h.isEmpty());
    }
}
