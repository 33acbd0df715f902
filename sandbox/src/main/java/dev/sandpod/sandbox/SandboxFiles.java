package dev.sandpod.sandbox;

import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.ContainerPath;
import dev.sandpod.runtime.files.ExtractOptions;
import dev.sandpod.runtime.files.ExtractResult;
import dev.sandpod.runtime.files.FileInfo;
import dev.sandpod.runtime.files.FilesException;
import dev.sandpod.runtime.files.Owner;
import dev.sandpod.runtime.files.ReadableFile;
import dev.sandpod.runtime.files.WriteOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * File access to one container of a sandbox, as the API offers it: paths as the caller wrote them, owners as
 * names or ids (resolved in the container's own /etc/passwd and /etc/group), and the container's user as the
 * owner of what is made when none is given, as {@code docker cp} does. Opened by {@link SandboxService#files};
 * the caller closes it.
 */
public final class SandboxFiles implements AutoCloseable {
    private final ContainerFiles files;
    private final Owner containerUser;

    SandboxFiles(ContainerFiles files, Owner containerUser) {
        this.files = files;
        this.containerUser = containerUser;
    }

    /** How messages name the container: "sandbox web", "container debug-1 of sandbox web". */
    public String where() {
        return files.where();
    }

    public ReadableFile read(String path, long maxBytes) throws FilesException {
        return files.read(ContainerPath.parse(path), maxBytes);
    }

    /**
     * The whole content as the new file at {@code path}, or nothing changed.
     *
     * @param mode  empty: the replaced file's, or 0644
     * @param owner empty: the replaced file's, or the container's user
     * @throws IOException reading {@code content} failed (the caller went away); nothing was changed
     */
    public FileInfo write(String path, InputStream content, Optional<Integer> mode, Optional<String> owner, boolean parents,
                          long maxBytes) throws FilesException, InvalidRequestException, IOException {
        ContainerPath target = ContainerPath.parse(path);
        WriteOptions options = new WriteOptions(checkedMode(mode), resolve(owner), containerUser, parents, maxBytes,
                Optional.empty());
        return files.write(target, content, options);
    }

    public FileInfo stat(String path, boolean follow) throws FilesException {
        return files.stat(ContainerPath.parse(path), follow);
    }

    public List<FileInfo> list(String path) throws FilesException {
        return files.list(ContainerPath.parse(path));
    }

    /** @param mode empty: 0755; @param owner empty: the container's user */
    public FileInfo mkdir(String path, boolean parents, Optional<Integer> mode, Optional<String> owner)
            throws FilesException, InvalidRequestException {
        ContainerPath target = ContainerPath.parse(path);
        int m = checkedMode(mode).orElse(WriteOptions.DEFAULT_DIRECTORY_MODE);
        return files.mkdir(target, parents, m, resolve(owner).orElse(containerUser));
    }

    public void remove(String path, boolean recursive) throws FilesException {
        files.remove(ContainerPath.parse(path), recursive);
    }

    /** A tar stream of {@code path}; a path ending in {@code /.} gives the directory's contents (Docker's rule). */
    public void archive(String path, boolean follow, OutputStream out) throws FilesException, IOException {
        files.archive(ContainerPath.parse(path), ContainerPath.meansContents(path), follow, out);
    }

    /**
     * Unpacks a tar stream into the existing directory {@code dir}.
     *
     * @param owner      every entry's owner; empty: the container's user, unless {@code keepOwners}
     * @param keepOwners keep each entry's uid and gid from the archive (as {@code docker cp -a})
     */
    public ExtractResult extract(String dir, InputStream tar, Optional<String> owner, boolean keepOwners, long maxFileBytes)
            throws FilesException, InvalidRequestException, IOException {
        if (keepOwners && owner.isPresent()) {
            throw new InvalidRequestException(FileOwners.FIELD, "an owner and keeping the archive's owners don't go together",
                    "give one of them");
        }
        ContainerPath target = ContainerPath.parse(dir);
        Optional<Owner> everyEntry = keepOwners ? Optional.empty() : Optional.of(resolve(owner).orElse(containerUser));
        return files.extract(target, tar, new ExtractOptions(everyEntry, maxFileBytes));
    }

    private Optional<Owner> resolve(Optional<String> owner) throws FilesException, InvalidRequestException {
        return owner.isEmpty() ? Optional.empty() : Optional.of(FileOwners.resolve(owner.get(), files));
    }

    private static Optional<Integer> checkedMode(Optional<Integer> mode) throws InvalidRequestException {
        if (mode.isPresent() && (mode.get() < 0 || mode.get() > 07777)) {
            throw new InvalidRequestException("mode", "'" + Integer.toOctalString(mode.get()) + "' is not a file mode",
                    "give permission bits in octal, 0 to 7777, such as 644 or 0755");
        }
        return mode;
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
