package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.FileOptions;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.FileInfo;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.runtime.files.ConfinedRoot;
import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.ContainerPath;
import dev.sandpod.runtime.files.ExtractOptions;
import dev.sandpod.runtime.files.ExtractResult;
import dev.sandpod.runtime.files.Owner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code sandpod cp NAME:PATH DST}: the sandbox's tar stream is unpacked locally through the destination's
 * directory as a confined root, so an archive from a hostile container can't write outside it; {@code -} writes
 * the stream to stdout as it is.
 */
final class CopyOut {
    private final SandpodClient client;
    private final FileOptions options;
    private final boolean keepOwners;

    CopyOut(SandpodClient client, FileOptions options, boolean keepOwners) {
        this.client = client;
        this.options = options;
        this.keepOwners = keepOwners;
    }

    void copy(CopyTarget.Remote from, CopyTarget to, PrintWriter out) throws SandpodException, ApiException, IOException {
        if (to instanceof CopyTarget.Stdio) {
            OutputStream stdout = System.out;
            try (InputStream tar = client.getArchive(from.sandbox(), from.path(), options)) {
                tar.transferTo(stdout);
            }
            stdout.flush();
            return;
        }
        String destination = ((CopyTarget.Local) to).path();
        FileInfo source = client.statFile(from.sandbox(), from.path(), options);
        ContainerPath sourcePath = ContainerPath.parse(from.path());
        boolean contentsOnly = ContainerPath.meansContents(from.path()) || !sourcePath.hasNamedLeaf();
        String sourceName = contentsOnly ? "." : sourcePath.leaf();
        CopyPlan.Placement place = placement(source.type().equals("directory"), sourceName, contentsOnly, destination);
        Path directory = Path.of(place.directory());
        if (place.makeDirectory()) {
            Files.createDirectory(directory);
        }
        ExtractOptions extract = new ExtractOptions(keepOwners ? Optional.empty() : Optional.of(ownOwner()), Long.MAX_VALUE,
                place.topName().equals(sourceName) ? Optional.empty()
                        : Optional.of(new ExtractOptions.Rebase(sourceName, place.topName())));
        try (InputStream tar = client.getArchive(from.sandbox(), from.path(), options);
             ContainerFiles local = new ContainerFiles(ConfinedRoot.ofDirectory(new LinuxSyscalls(), directory,
                     "the local directory " + directory))) {
            ExtractResult result = local.extract(ContainerPath.ROOT, tar, extract);
            out.println(CopyIn.copied(result.entries(), result.bytes(), destination));
        } catch (IOException e) {
            throw new CommandFailedException("copying " + from + " broke off: " + IoErrors.describe(e),
                    "what was copied so far is in " + directory + "; run the copy again", e);
        }
    }

    private static CopyPlan.Placement placement(boolean isDirectory, String name, boolean contentsOnly, String destination)
            throws SandpodException {
        Path dest = Path.of(destination).toAbsolutePath().normalize();
        CopyPlan.Dest kind = Files.isDirectory(dest) ? CopyPlan.Dest.DIRECTORY
                : Files.exists(dest) ? CopyPlan.Dest.OTHER : CopyPlan.Dest.MISSING;
        Path parent = dest.getParent() == null ? dest : dest.getParent();
        if (kind == CopyPlan.Dest.MISSING && !Files.isDirectory(parent)) {
            throw new CommandFailedException("the local directory " + parent + " does not exist",
                    "make it first, or copy into an existing directory", null);
        }
        try {
            return CopyPlan.place(isDirectory, name, contentsOnly, kind == CopyPlan.Dest.DIRECTORY ? dest.toString() : destination,
                    kind, parent.toString(), Optional.ofNullable(dest.getFileName()).map(Path::toString));
        } catch (CopyPlan.Refused e) {
            throw new CommandFailedException(e.getMessage(), "copy into an existing directory, or name a new file whose"
                    + " directory exists", null);
        }
    }

    /** Files copied out belong to whoever runs the copy, as with docker cp (unless -a). */
    private static Owner ownOwner() throws IOException {
        Path self = Path.of("/proc/self");
        return new Owner(((Number) Files.getAttribute(self, "unix:uid")).longValue(),
                ((Number) Files.getAttribute(self, "unix:gid")).longValue());
    }
}
