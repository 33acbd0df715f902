package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerPaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a container's CRI-format log ({@code TIME STREAM P|F TEXT}), joining partial ({@code P}) records into
 * whole lines. {@code previous} reads the log of the instance before the last restart.
 */
final class SandboxLogs {
    private SandboxLogs() {
    }

    static List<LogLine> read(ContainerPaths paths, int tail, boolean previous) throws SandboxException {
        Path file = previous ? paths.previousLogFile() : paths.logFile();
        List<String> raw;
        try {
            raw = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            if (previous) {
                throw new SandboxStateException("container " + paths.containerId() + " has no previous instance",
                        "--previous shows the log of the instance before the last restart", e);
            }
            return List.of();
        } catch (IOException e) {
            throw new SandboxStateException("can't read the log " + file + ": " + e.getMessage(), "check the state root", e);
        }
        List<LogLine> lines = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        for (String record : raw) {
            String[] parts = record.split(" ", 4);
            if (parts.length < 3) {
                continue;
            }
            partial.append(parts.length == 4 ? parts[3] : "");
            if (!parts[2].equals("P")) {
                lines.add(new LogLine(parts[0], parts[1], partial.toString()));
                partial.setLength(0);
            }
        }
        return tail >= 0 && lines.size() > tail ? List.copyOf(lines.subList(lines.size() - tail, lines.size())) : lines;
    }
}
