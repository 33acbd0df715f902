package dev.sandpod.api.http;

import dev.sandpod.client.model.ApiError;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageHasNamesException;
import dev.sandpod.image.ImageInUseException;
import dev.sandpod.image.ImageNotFoundException;
import dev.sandpod.image.archive.ArchiveException;
import dev.sandpod.image.unpack.UnsafeArchiveException;
import dev.sandpod.image.oci.ManifestException;
import dev.sandpod.image.pull.DownloadBrokeOffException;
import dev.sandpod.image.pull.PullInterruptedException;
import dev.sandpod.image.ref.InvalidReferenceException;
import dev.sandpod.image.registry.RegistryException;
import dev.sandpod.image.registry.RegistryNotFoundException;
import dev.sandpod.image.registry.RegistryUnauthorizedException;
import dev.sandpod.image.store.BlobVerificationException;
import dev.sandpod.sandbox.ContainerNotRunningException;
import dev.sandpod.sandbox.ContainerRestartedException;
import dev.sandpod.runtime.files.FilesException;
import dev.sandpod.sandbox.DebugTargetNotRunningException;
import dev.sandpod.sandbox.ImagePullException;
import dev.sandpod.sandbox.InvalidRequestException;
import dev.sandpod.sandbox.NameInUseException;
import dev.sandpod.sandbox.SandboxContainerNotFoundException;
import dev.sandpod.sandbox.SandboxNotFoundException;
import dev.sandpod.sandbox.SandboxSetupException;
import dev.sandpod.sandbox.SandboxStateException;
import dev.sandpod.state.ConfigException;
import dev.sandpod.state.SecretException;
import dev.sandpod.state.SecretExistsException;
import dev.sandpod.state.SecretNotFoundException;

import java.util.Map;

/**
 * The one place that turns a failure into the API's answer: sandpod's typed exceptions into a status and a
 * stable code, with their message and hint. Anything untyped is a 500 {@code Internal} whose message says
 * to look in the daemon's log (the stack trace goes there, never to the client).
 */
public final class ErrorMapper {
    private ErrorMapper() {
    }

    /** An error answer: the HTTP status and the JSON body. */
    public record Mapped(int status, ApiError error) {
    }

    public static Mapped map(Throwable failure) {
        if (failure instanceof ApiProblem p) {
            return new Mapped(p.status(), p.error());
        }

        if (failure instanceof SandpodException e) {
            return typed(e);
        }
        return new Mapped(500, new ApiError("Internal", "internal failure: " + failure.getClass().getSimpleName(),
                "this is a sandpod bug; the daemon's log has the stack trace", Map.of()));
    }

    private static Mapped typed(SandpodException e) {
        return switch (e) {
            case ImageNotFoundException x -> of(404, "ImageNotFound", x);
            case ImageInUseException x -> of(409, "ImageInUse", x);
            case ImageHasNamesException x -> of(409, "ImageHasNames", x, Map.of("names", x.names()));
            case SecretNotFoundException x -> of(404, "SecretNotFound", x);
            case SecretExistsException x -> of(409, "SecretExists", x);
            case SecretException x -> of(422, "InvalidSecret", x);
            case InvalidReferenceException x -> of(422, "InvalidReference", x);
            case UnsafeArchiveException x -> of(422, "UnsafeArchive", x);
            case ArchiveException x -> of(422, "InvalidArchive", x);
            case BlobVerificationException x -> of(422, "BlobVerificationFailed", x);
            case ManifestException x -> of(422, "InvalidManifest", x);
            case RegistryNotFoundException x -> of(404, "RegistryNotFound", x);
            case RegistryUnauthorizedException x -> of(403, "RegistryUnauthorized", x);
            case RegistryException x -> of(502, "RegistryFailed", x);
            case DownloadBrokeOffException x -> of(502, "DownloadBrokeOff", x);
            case PullInterruptedException x -> of(503, "Interrupted", x);
            case ConfigException x -> of(500, "ConfigInvalid", x);
            case SandboxNotFoundException x -> of(404, "SandboxNotFound", x, Map.of("name", x.name()));
            case SandboxContainerNotFoundException x -> of(404, "SandboxContainerNotFound", x,
                    Map.of("name", x.sandbox(), "container", x.container()));
            case DebugTargetNotRunningException x -> of(409, "DebugTargetNotRunning", x,
                    Map.of("name", x.sandbox(), "target", x.target()));
            case ContainerNotRunningException x -> of(409, "ContainerNotRunning", x,
                    Map.of("container", x.container(), "state", x.state()));
            case ContainerRestartedException x -> of(409, "ContainerRestarted", x, Map.of("container", x.container(),
                    "expectedInstance", x.expectedInstance(), "instance", x.instance()));
            case NameInUseException x -> of(409, "NameInUse", x, Map.of("name", x.name()));
            case InvalidRequestException x -> of(422, "InvalidField", x, Map.of("field", x.field()));
            case ImagePullException x -> of(502, "ImagePullFailed", x, Map.of("image", x.image(), "reason", x.reason()));
            case SandboxStateException x when x.getCause() instanceof java.sql.SQLException
                    || (x.getCause() instanceof java.io.IOException && !(x.getCause() instanceof java.nio.file.NoSuchFileException))
                    -> of(500, "StateFailed", x);
            case SandboxStateException x -> of(409, "SandboxStateConflict", x);
            case SandboxSetupException x -> of(500, "SandboxSetupFailed", x, Map.of("step", x.step()));
            case FilesException x -> files(x);
            default -> of(500, "Failed", e);
        };
    }

    /** A file operation's problem as its status and code; details always name the path in the container. */
    private static Mapped files(FilesException e) {
        return switch (e.problem()) {
            case INVALID_PATH -> of(400, "InvalidPath", e, e.details());
            case INVALID_ARCHIVE -> of(400, "InvalidArchive", e, e.details());
            case NOT_FOUND -> of(404, "FileNotFound", e, e.details());
            case PERMISSION_DENIED -> of(403, "PermissionDenied", e, e.details());
            case NOT_A_DIRECTORY -> of(409, "NotADirectory", e, e.details());
            case IS_A_DIRECTORY -> of(409, "IsADirectory", e, e.details());
            case EXISTS -> of(409, "FileExists", e, e.details());
            case DIRECTORY_NOT_EMPTY -> of(409, "DirectoryNotEmpty", e, e.details());
            case MOUNT_POINT -> of(409, "MountPoint", e, e.details());
            case UNAVAILABLE -> of(409, "FilesUnavailable", e, e.details());
            case TOO_LARGE -> of(413, "FileTooLarge", e, e.details());
            case NOT_A_REGULAR_FILE -> of(422, "NotARegularFile", e, e.details());
            case SYMLINK_LOOP -> of(422, "SymlinkLoop", e, e.details());
            case UNSAFE_ARCHIVE -> of(422, "UnsafeArchive", e, e.details());
            case NO_SPACE -> of(507, "NoSpace", e, e.details());
            case FAILED -> of(500, "FileOperationFailed", e, e.details());
        };
    }

    private static Mapped of(int status, String code, SandpodException e) {
        return of(status, code, e, Map.of());
    }

    private static Mapped of(int status, String code, SandpodException e, Map<String, Object> details) {
        return new Mapped(status, new ApiError(code, e.getMessage(), e.hint().orElse(null), details));
    }
}
