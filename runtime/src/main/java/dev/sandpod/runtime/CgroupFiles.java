package dev.sandpod.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reading and writing cgroup control files, shared by both versions. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static Path dir(Path hierarchy, String path) {
        if (!path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("bad cgroup path '" + path + "'");
        }
        return path.equals("/") ? hierarchy : hierarchy.resolve(path.substring(1));
    }

    static String read(Path file) throws CgroupException {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new CgroupException("can't read " + file + ": " + e.getMessage(), e);
        }
    }

    static long readLong(Path file) throws CgroupException {
        try {
            return Long.parseLong(read(file));
        } catch (NumberFormatException e) {
            throw new CgroupException(file + " does not hold a number", e);
        }
    }

    /** A number, or empty for "max" (v2) or a v1 value at or above {@code unlimitedFrom}. */
    static OptionalLong readLimit(Path file, long unlimitedFrom) throws CgroupException {
        String text = read(file);
        if (text.equals("max")) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text);
            return value < 0 || value >= unlimitedFrom ? OptionalLong.empty() : OptionalLong.of(value);
        } catch (NumberFormatException e) {
            throw new CgroupException(file + " does not hold a limit: '" + text + "'", e);
        }
    }

    /** The value of {@code key} in a flat keyed file (memory.events, memory.oom_control, cpu.stat), or 0. */
    static long keyed(Path file, String key) throws CgroupException {
        for (String line : read(file).split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1]);
            }
        }
        return 0;
    }

    static void write(Path file, String value) throws CgroupException {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new CgroupException("can't write '" + value + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    /** rmdir of a cgroup and its empty parents below {@code stopAt} (exclusive) in one hierarchy. */
    static void removeTree(Path hierarchy, String path, String stopAt) throws CgroupException {
        Path dir = dir(hierarchy, path);
        Path stop = dir(hierarchy, stopAt);
        if (!dir.startsWith(stop) || dir.equals(stop)) {
            throw new IllegalArgumentException(path + " is not below " + stopAt);
        }
        try {
            removeChildren(dir);
            deleteRetryingBusy(dir);
        } catch (NoSuchFileException gone) {
            // already removed (runc delete removes the leaf)
        } catch (IOException e) {
            throw new CgroupException("can't remove cgroup " + dir + ": " + e.getMessage()
                    + " (a process may still be in it)", e);
        }
        for (Path parent = dir.getParent(); parent.startsWith(stop) && !parent.equals(stop); parent = parent.getParent()) {
            if (!isEmptyCgroup(parent)) {
                return;
            }
            try {
                Files.delete(parent);
            } catch (NoSuchFileException gone) {
                // fine
            } catch (IOException busy) {
                return; // another container of the parent came in meanwhile
            }
        }
    }

    /** Child cgroups first (an exec's group that outlived its command): rmdir refuses a cgroup that has any. */
    private static void removeChildren(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : entries) {
                removeChildren(child);
                try {
                    deleteRetryingBusy(child);
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
    }

    /** A killed container's last tasks leave the cgroup a moment after runc reports it gone: retry EBUSY for 2 s. */
    private static void deleteRetryingBusy(Path dir) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (true) {
            try {
                Files.delete(dir);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (e instanceof NoSuchFileException || System.nanoTime() > deadline
                        || e.getReason() == null || !e.getReason().contains("busy")) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isEmptyCgroup(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
