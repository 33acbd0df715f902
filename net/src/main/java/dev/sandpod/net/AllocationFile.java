package dev.sandpod.net;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machine-wide list of subnet allocations, a JSON file guarded by an exclusive lock on a sibling lock file
 * (between processes: {@code flock}-style {@link FileChannel#lock}; between threads of one JVM: a lock per path,
 * since a JVM can't hold two channel locks on one file). Writes go to a temporary file renamed over the old one,
 * so a crash never leaves a half-written list.
 */
final class AllocationFile {
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    record Contents(int version, List<SubnetAllocation> allocations) {
        Contents {
            allocations = allocations == null ? List.of() : List.copyOf(allocations);
        }
    }

    @FunctionalInterface
    interface Update<T> {
        /** Reads {@code current} (mutable), changes it as needed, and returns a value for the caller. */
        T apply(List<SubnetAllocation> current) throws NetworkException, IOException;
    }

    private final Path file;

    AllocationFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    /** Runs {@code update} on the current list under the machine-wide lock and saves the list if it changed. */
    <T> T update(Update<T> update) throws NetworkException, IOException {
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                List<SubnetAllocation> before = read();
                List<SubnetAllocation> current = new ArrayList<>(before);
                T result = update.apply(current);
                if (!current.equals(before)) {
                    write(current);
                }
                return result;
            }
        } finally {
            local.unlock();
        }
    }

    private List<SubnetAllocation> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return JSON.readValue(file.toFile(), Contents.class).allocations();
    }

    private void write(List<SubnetAllocation> allocations) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), new Contents(1, allocations));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
