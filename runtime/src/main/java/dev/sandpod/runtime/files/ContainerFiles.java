package dev.sandpod.runtime.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * File access to one container's root file system (or a local directory standing in for one), every path
 * resolved with that root as {@code /}: read, write, stat, list, mkdir, remove, and tar archives out and in.
 * Holds the root open until closed; not for concurrent use by several threads.
 */
public final class ContainerFiles implements AutoCloseable {
    /** Reads, writes and archive entries larger than this are refused unless a call allows more. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private final ConfinedRoot root;

    public ContainerFiles(ConfinedRoot root) {
        this.root = root;
    }

    /** How messages name this container: "sandbox web", "container debug-1 of sandbox web". */
    public String where() {
        return root.where();
    }

    /** A regular file, following symlinks (inside the root); directories, devices and FIFOs are refused. */
    public ReadableFile read(ContainerPath path, long maxBytes) throws FilesException {
        return new ReadFile(root).open(path, maxBytes);
    }

    /**
     * Writes {@code content} as the whole new file at {@code path}, or changes nothing.
     *
     * @throws IOException reading {@code content} failed (the caller went away)
     */
    public FileInfo write(ContainerPath path, InputStream content, WriteOptions options) throws FilesException, IOException {
        return new WriteFile(root).write(path, content, options);
    }

    /** What is at {@code path}; a symlink at the end is described itself unless {@code follow}. */
    public FileInfo stat(ContainerPath path, boolean follow) throws FilesException {
        return new StatPath(root).stat(path, follow);
    }

    /** The entries of a directory, sorted by name. */
    public List<FileInfo> list(ContainerPath path) throws FilesException {
        return new ListDirectory(root).list(path);
    }

    public FileInfo mkdir(ContainerPath path, boolean parents, int mode, Owner owner) throws FilesException {
        return new MakeDirectory(root).make(path, parents, mode, owner);
    }

    /** Removes the name (a symlink itself, never its target); a directory needs {@code recursive} unless empty. */
    public void remove(ContainerPath path, boolean recursive) throws FilesException {
        new RemovePath(root).remove(path, recursive);
    }

    /**
     * A tar stream of {@code path} (a file, a symlink, or a directory tree) written to {@code out}.
     *
     * @param contentsOnly entries named from {@code .} rather than the path's last component (Docker's {@code /.})
     * @throws IOException writing to {@code out} failed, or a file changed size while archived (the stream is cut)
     */
    public void archive(ContainerPath path, boolean contentsOnly, boolean follow, OutputStream out)
            throws FilesException, IOException {
        new ArchiveOut(root).write(path, contentsOnly, follow, out);
    }

    /**
     * As {@link #archive}, with the entries named from {@code topName} instead of the path's last component (a copy
     * that gets another name at its destination); {@code "."} names them from the directory's contents.
     */
    public void archiveAs(ContainerPath path, String topName, boolean follow, OutputStream out) throws FilesException, IOException {
        if (topName.isEmpty() || topName.contains("/") || topName.equals("..")) {
            throw FilesException.invalidPath(topName, "an archive's top name is one path component");
        }
        new ArchiveOut(root).write(path, topName, follow, out);
    }

    /**
     * Unpacks a tar stream into the existing directory {@code dir}.
     *
     * @throws IOException reading the stream failed (the caller went away)
     */
    public ExtractResult extract(ContainerPath dir, InputStream tar, ExtractOptions options) throws FilesException, IOException {
        return new ArchiveIn(root).extract(dir, tar, options);
    }

    @Override
    public void close() throws IOException {
        root.close();
    }
}
