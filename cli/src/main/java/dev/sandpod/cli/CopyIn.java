package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.FileOptions;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ArchiveResult;
import dev.sandpod.client.model.FileInfo;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.runtime.files.ConfinedRoot;
import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.ContainerPath;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code sandpod cp SRC NAME:PATH}: the local file or directory is archived (read through its own directory as a
 * confined root, symlinks kept as symlinks) and streamed into the sandbox's PUT archive; stdin's tar goes as it is.
 */
final class CopyIn {
    private final SandpodClient client;
    private final FileOptions options;

    CopyIn(SandpodClient client, FileOptions options) {
        this.client = client;
        this.options = options;
    }

    void copy(CopyTarget from, CopyTarget.Remote to, PrintWriter out) throws SandpodException, ApiException, IOException,
            InterruptedException {
        ArchiveResult result;
        if (from instanceof CopyTarget.Stdio) {
            result = client.putArchive(to.sandbox(), to.path(), System.in, options);
        } else {
            result = copyLocal(((CopyTarget.Local) from).path(), to);
        }
        out.println(copied(result.entries(), result.bytes(), to.toString()));
    }

    private ArchiveResult copyLocal(String source, CopyTarget.Remote to) throws SandpodException, ApiException,
            IOException, InterruptedException {
        Path path = Path.of(source).toAbsolutePath();
        boolean contentsOnly = source.endsWith("/.") || path.getParent() == null;
        Path normal = path.normalize();
        LinkOption[] follow = options.follow() ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        if (!Files.exists(normal, follow)) {
            throw new CommandFailedException("no such file or directory: " + source, "check the local path", null);
        }
        boolean isDirectory = Files.isDirectory(normal, follow);
        Path parent = normal.getParent() == null ? normal : normal.getParent();
        String name = normal.getFileName() == null ? "." : normal.getFileName().toString();

        CopyPlan.Placement place = placement(isDirectory, name, contentsOnly, to);
        if (place.makeDirectory()) {
            client.makeDirectory(to.sandbox(), place.directory(), options);
        }
        ContainerPath inParent = normal.getFileName() == null ? ContainerPath.ROOT : ContainerPath.parse("/" + name);
        try (ContainerFiles local = new ContainerFiles(ConfinedRoot.ofDirectory(new LinuxSyscalls(), parent,
                "the local directory " + parent)); TarPipe pipe = TarPipe.start(o -> local.archiveAs(inParent,
                place.topName(), options.follow(), o))) {
            ArchiveResult result;
            try {
                result = client.putArchive(to.sandbox(), place.directory(), pipe.input(), options);
            } catch (ApiException e) {
                Optional<Exception> archiving = pipe.failure();
                if (archiving.isPresent()) {
                    archiving.get().addSuppressed(e);
                    throw reading(source, archiving.get());
                }
                throw e;
            }
            Optional<Exception> failure = pipe.failure();
            if (failure.isPresent()) {
                throw reading(source, failure.get());
            }
            return result;
        }
    }

    private CopyPlan.Placement placement(boolean isDirectory, String name, boolean contentsOnly, CopyTarget.Remote to)
            throws SandpodException, ApiException {
        Optional<FileInfo> dest = stat(to);
        CopyPlan.Dest kind = dest.isEmpty() ? CopyPlan.Dest.MISSING
                : dest.get().type().equals("directory") ? CopyPlan.Dest.DIRECTORY : CopyPlan.Dest.OTHER;
        ContainerPath destPath = ContainerPath.parse(to.path());
        try {
            return CopyPlan.place(isDirectory, name, contentsOnly, to.path(), kind, destPath.parent().toString(),
                    destPath.hasNamedLeaf() ? Optional.of(destPath.leaf()) : Optional.empty());
        } catch (CopyPlan.Refused e) {
            throw new CommandFailedException(e.getMessage() + " in sandbox " + to.sandbox(),
                    "copy into an existing directory, or name a new file whose directory exists", null);
        }
    }

    /** The destination as the sandbox sees it (a symlink to a directory is a directory); empty if it doesn't exist. */
    private Optional<FileInfo> stat(CopyTarget.Remote to) throws ApiException {
        try {
            return Optional.of(client.statFile(to.sandbox(), to.path(), options.withFollow()));
        } catch (ApiException e) {
            if (e.code().equals("FileNotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** "copied 3 entries (2048 bytes) to web:/srv". */
    static String copied(long entries, long bytes, String to) {
        return "copied " + entries + (entries == 1 ? " entry" : " entries") + " (" + bytes + " bytes) to " + to;
    }

    private static SandpodException reading(String source, Exception e) {
        if (e instanceof SandpodException s) {
            return s;
        }
        return new CommandFailedException("can't read " + source + ": " + (e instanceof IOException io
                ? IoErrors.describe(io) : e.getMessage()), "check the local files; nothing half-copied is left unreported", e);
    }
}
