package dev.sandpod.api;

import dev.sandpod.api.execs.ExecInSandbox;
import dev.sandpod.api.execs.KillExec;
import dev.sandpod.api.execs.StreamExecStdin;
import dev.sandpod.api.files.GetArchive;
import dev.sandpod.api.files.ListFiles;
import dev.sandpod.api.files.MakeDirectory;
import dev.sandpod.api.files.PutArchive;
import dev.sandpod.api.files.ReadFile;
import dev.sandpod.api.files.RemoveFile;
import dev.sandpod.api.files.StatFile;
import dev.sandpod.api.files.WriteFile;
import dev.sandpod.api.http.Route;
import dev.sandpod.api.http.Router;
import dev.sandpod.api.images.InspectImage;
import dev.sandpod.api.images.ListImages;
import dev.sandpod.api.images.LoadImages;
import dev.sandpod.api.images.PruneImages;
import dev.sandpod.api.images.PullImage;
import dev.sandpod.api.images.PushImage;
import dev.sandpod.api.images.RemoveImage;
import dev.sandpod.api.images.SaveImages;
import dev.sandpod.api.images.TagImage;
import dev.sandpod.api.sandboxes.DebugSandbox;
import dev.sandpod.api.sandboxes.DescribeSandbox;
import dev.sandpod.api.sandboxes.ListEvents;
import dev.sandpod.api.sandboxes.ListSandboxes;
import dev.sandpod.api.sandboxes.RemoveContainer;
import dev.sandpod.api.sandboxes.RemoveSandbox;
import dev.sandpod.api.sandboxes.RunSandbox;
import dev.sandpod.api.sandboxes.SandboxLogsStream;
import dev.sandpod.api.sandboxes.StopContainer;
import dev.sandpod.api.sandboxes.StopSandbox;
import dev.sandpod.api.sandboxes.UpdateSandbox;
import dev.sandpod.api.secrets.CreateSecret;
import dev.sandpod.api.secrets.ListSecrets;
import dev.sandpod.api.secrets.RemoveSecret;
import dev.sandpod.api.system.GetOpenApi;
import dev.sandpod.api.system.GetVersion;
import dev.sandpod.api.system.StopDaemon;

import java.util.List;

/**
 * Every route of the API, in matching order (literal paths before templates that could take them). A test
 * holds this table and openapi.json to each other: add a route here and there together.
 */
public final class Routes {
    private Routes() {
    }

    public static Router of(ApiContext c) {
        return new Router(List.of(
                new Route("GET", "/v1/version", new GetVersion(c)),
                new Route("GET", "/v1/openapi.json", new GetOpenApi()),
                new Route("POST", "/v1/daemon/stop", new StopDaemon(c)),
                new Route("GET", "/v1/images", new ListImages(c)),
                new Route("POST", "/v1/images/pull", new PullImage(c)),
                new Route("POST", "/v1/images/push", new PushImage(c)),
                new Route("POST", "/v1/images/load", new LoadImages(c)),
                new Route("POST", "/v1/images/save", new SaveImages(c)),
                new Route("POST", "/v1/images/tag", new TagImage(c)),
                new Route("POST", "/v1/images/prune", new PruneImages(c)),
                new Route("GET", "/v1/images/{ref...}", new InspectImage(c)),
                new Route("DELETE", "/v1/images/{ref...}", new RemoveImage(c)),
                new Route("GET", "/v1/secrets", new ListSecrets(c)),
                new Route("POST", "/v1/secrets", new CreateSecret(c)),
                new Route("DELETE", "/v1/secrets/{name}", new RemoveSecret(c)),
                new Route("GET", "/v1/sandboxes", new ListSandboxes(c)),
                new Route("POST", "/v1/sandboxes", new RunSandbox(c)),
                new Route("GET", "/v1/sandboxes/{name}", new DescribeSandbox(c)),
                new Route("DELETE", "/v1/sandboxes/{name}", new RemoveSandbox(c)),
                new Route("GET", "/v1/sandboxes/{name}/logs", new SandboxLogsStream(c)),
                new Route("POST", "/v1/sandboxes/{name}/stop", new StopSandbox(c)),
                new Route("POST", "/v1/sandboxes/{name}/update", new UpdateSandbox(c)),
                new Route("POST", "/v1/sandboxes/{name}/debug", new DebugSandbox(c)),
                new Route("POST", "/v1/sandboxes/{name}/containers/{container}/stop", new StopContainer(c)),
                new Route("DELETE", "/v1/sandboxes/{name}/containers/{container}", new RemoveContainer(c)),
                new Route("POST", "/v1/sandboxes/{name}/exec", new ExecInSandbox(c)),
                new Route("POST", "/v1/execs/{id}/kill", new KillExec(c)),
                new Route("POST", "/v1/execs/{id}/stdin", new StreamExecStdin(c)),
                new Route("GET", "/v1/sandboxes/{name}/files", new ReadFile(c)),
                new Route("PUT", "/v1/sandboxes/{name}/files", new WriteFile(c)),
                new Route("DELETE", "/v1/sandboxes/{name}/files", new RemoveFile(c)),
                new Route("GET", "/v1/sandboxes/{name}/files/stat", new StatFile(c)),
                new Route("GET", "/v1/sandboxes/{name}/files/list", new ListFiles(c)),
                new Route("POST", "/v1/sandboxes/{name}/files/mkdir", new MakeDirectory(c)),
                new Route("GET", "/v1/sandboxes/{name}/archive", new GetArchive(c)),
                new Route("PUT", "/v1/sandboxes/{name}/archive", new PutArchive(c)),
                new Route("GET", "/v1/events", new ListEvents(c))));
    }
}
