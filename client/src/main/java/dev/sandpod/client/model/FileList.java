package dev.sandpod.client.model;

import java.util.List;

/** A directory's entries, sorted by name, each described without following it. */
public record FileList(String path, List<FileInfo> entries) {
    public FileList {
        entries = List.copyOf(entries);
    }
}
