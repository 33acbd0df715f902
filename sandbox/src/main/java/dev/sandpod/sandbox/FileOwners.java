package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.ContainerPath;
import dev.sandpod.runtime.files.FilesException;
import dev.sandpod.runtime.files.Owner;
import dev.sandpod.runtime.files.ReadableFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An {@code owner} given for files (a name, a uid, {@code uid:gid}, {@code name:group}) as numeric ids, resolved
 * as {@code -u} is, but against the container's own /etc/passwd and /etc/group as they are now (read through its
 * confined root, so a user the container added counts). They are read only when a name needs them.
 */
final class FileOwners {
    static final String FIELD = "owner";
    private static final ContainerPath PASSWD = new ContainerPath(java.util.List.of("etc", "passwd"));
    private static final ContainerPath GROUP = new ContainerPath(java.util.List.of("etc", "group"));

    private FileOwners() {
    }

    /** @throws InvalidRequestException (field owner) for a malformed spec or a name the container doesn't know */
    static Owner resolve(String spec, ContainerFiles files) throws InvalidRequestException, FilesException {
        checkSyntax(spec);
        // uid:gid says it all; anything else may need passwd (a listed uid's primary gid) or group
        ImageUsers users = bothNumeric(spec) ? ImageUsers.NONE : users(files);
        try {
            ContainerSpec.User user = users.resolve(spec);
            return new Owner(user.uid(), user.gid());
        } catch (ImageUsers.UnknownUserException e) {
            throw new InvalidRequestException(FIELD, e.getMessage() + " of " + files.where(),
                    "use a user the container's /etc/passwd has, or a numeric uid[:gid]");
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(FIELD, e);
        }
    }

    /** The container's /etc/passwd and /etc/group as they are now (empty where it has none). */
    static ImageUsers users(ContainerFiles files) throws FilesException {
        return ImageUsers.parse(readSmall(files, PASSWD).orElse(""), readSmall(files, GROUP).orElse(""));
    }

    static void checkSyntax(String spec) throws InvalidRequestException {
        String[] parts = spec.split(":", -1);
        if (spec.isEmpty() || parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
            throw new InvalidRequestException(FIELD, "'" + spec + "' is not user[:group]",
                    "give a name or uid, optionally with a group or gid: app, 1000, 1000:1000, app:staff");
        }
    }

    private static boolean bothNumeric(String spec) {
        return spec.matches("\\d+:\\d+");
    }

    private static Optional<String> readSmall(ContainerFiles files, ContainerPath path) throws FilesException {
        try (ReadableFile f = files.read(path, ImageFiles.MAX_BYTES)) {
            return Optional.of(new String(f.content().readAllBytes(), StandardCharsets.UTF_8));
        } catch (FilesException e) {
            if (e.problem() == FilesException.Problem.NOT_FOUND) {
                return Optional.empty(); // an image without passwd: numeric ids and root only
            }
            throw e;
        } catch (IOException e) {
            throw FilesException.ioFailure("read", path, files.where(), e);
        }
    }
}
