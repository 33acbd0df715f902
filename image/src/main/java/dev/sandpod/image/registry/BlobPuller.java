package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GET /v2/NAME/blobs/DIGEST, from an offset to resume a broken download. The body stays open for the caller. */
record BlobPuller(RegistryEndpoint registry, String repository, Digest digest, long offset)
        implements RegistryEndpointProvider<BlobResponse> {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-\\d+/(\\d+|\\*)");

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return r.uri(Urls.v2(repository, "blobs/" + digest));
    }

    @Override
    public String what() {
        return "blob " + digest + " of " + registry.host() + "/" + repository;
    }

    @Override
    public List<Header> headers() {
        return offset > 0 ? List.of(new Header("Range", "bytes=" + offset + "-")) : List.of();
    }

    @Override
    public boolean accepts(int status) {
        return status == 200 || status == 206;
    }

    @Override
    public boolean keepsResponseOpen() {
        return true;
    }

    @Override
    public BlobResponse handle(RegistryResponse response) throws IOException {
        long start = 0;
        if (response.status() == 206) {
            start = offset;
            Matcher m = CONTENT_RANGE.matcher(response.header("Content-Range").orElse(""));
            if (m.matches()) {
                start = Long.parseLong(m.group(1));
            }
        }
        return new BlobResponse(response.body(), start, response.contentLength(), response::close);
    }
}
