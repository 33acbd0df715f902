package dev.sandpod.sandbox.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** This process's mount table, from /proc/self/mountinfo (octal escapes such as {@code \040} decoded). */
final class MountInfo {
    record Entry(Path mountPoint, String fsType) {
    }

    private MountInfo() {
    }

    static List<Entry> read() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            int dash = line.indexOf(" - ");
            String fsType = dash < 0 ? "" : line.substring(dash + 3).split(" ")[0];
            out.add(new Entry(Path.of(unescape(fields[4])), fsType));
        }
        return out;
    }

    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
