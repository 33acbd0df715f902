package dev.sandpod.api.files;

import dev.sandpod.client.model.FileInfo;

/** Files as the API shows them. */
final class FileJson {
    private FileJson() {
    }

    static FileInfo of(dev.sandpod.runtime.files.FileInfo f) {
        return new FileInfo(f.path().toString(), f.name(), f.kind().wireName(), f.size(), String.format("%04o", f.permissions()),
                f.uid(), f.gid(), f.modified().toString(), f.linkTarget().orElse(null));
    }
}
