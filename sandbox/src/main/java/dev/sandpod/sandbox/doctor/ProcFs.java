package dev.sandpod.sandbox.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Command lines of live processes, from /proc. */
final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    static List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        }
        return pids;
    }

    /** The process's argv, or empty if it is gone (or a kernel thread). */
    static List<String> argv(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return List.of(text.split("\0", -1));
        } catch (IOException gone) {
            return List.of();
        }
    }

    /** The value after {@code option} in {@code argv} ({@code --opt VALUE} or {@code --opt=VALUE}). */
    static Optional<String> option(List<String> argv, String option) {
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals(option) && i + 1 < argv.size()) {
                return Optional.of(argv.get(i + 1));
            }
            if (arg.startsWith(option + "=")) {
                return Optional.of(arg.substring(option.length() + 1));
            }
        }
        return Optional.empty();
    }
}
