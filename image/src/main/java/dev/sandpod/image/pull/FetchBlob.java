package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.Descriptor;
import dev.sandpod.image.registry.BlobResponse;
import dev.sandpod.image.registry.RegistryClient;
import dev.sandpod.image.store.BlobVerificationException;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.Ingest;
import dev.sandpod.image.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Downloads one blob into the content store, verified while it streams. Resumes a partial download of
 * an earlier killed pull with a range request; skips the blob when it is already stored.
 */
final class FetchBlob {
    private final RegistryClient client;
    private final String repository;
    private final String origin;
    private final ContentStore content;
    private final PullProgress progress;

    FetchBlob(RegistryClient client, String repository, String origin, ContentStore content, PullProgress progress) {
        this.client = client;
        this.repository = repository;
        this.origin = origin;
        this.content = content;
        this.progress = progress;
    }

    void call(Descriptor blob, String kind) throws SandpodException {
        try (Ingest ingest = content.ingest(blob.digest(), blob.size(), origin)) {
            if (ingest.alreadyStored()) {
                progress.blobDone(blob.digest(), kind, blob.size(), true);
                return;
            }
            boolean resuming = ingest.offset() > 0;
            try {
                downloadAndCommit(ingest, blob, kind);
            } catch (BlobVerificationException e) {
                if (!resuming) {
                    throw e;
                }
                // What an earlier attempt left was not the start of this blob (the check dropped it): fetch it whole, once.
                downloadAndCommit(ingest, blob, kind);
            }
            progress.blobDone(blob.digest(), kind, blob.size(), false);
        } catch (IOException e) {
            // A network failure mid-stream: the partial file stays for the next pull to resume.
            throw StoreException.writing("blob " + blob.digest() + " from " + origin, Path.of("content"), e);
        }
    }

    private void downloadAndCommit(Ingest ingest, Descriptor blob, String kind) throws SandpodException, IOException {
        try {
            download(ingest, blob, kind);
            ingest.commit();
        } catch (IOException e) {
            BlobVerificationException lie = verificationCause(e);
            if (lie != null) {
                ingest.abandon();
                throw lie;
            }
            if (StoreException.isDiskFull(e)) {
                ingest.abandon();
                throw StoreException.writing("blob " + blob.digest(), Path.of("content"), e);
            }
            throw e;
        }
    }

    private void download(Ingest ingest, Descriptor blob, String kind) throws SandpodException, IOException {
        try (BlobResponse response = client.fetchBlob(repository, blob.digest(), ingest.offset())) {
            if (response.startOffset() != ingest.offset()) {
                ingest.restart();
            }
            progress.blobStarted(blob.digest(), kind, blob.size(), ingest.offset());
            long done = ingest.offset();
            long lastReport = 0;
            try (InputStream in = response.body(); OutputStream out = ingest.output()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = read(in, buffer, blob, done)) > 0; ) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (done - lastReport >= (1 << 18)) {
                        progress.blobProgress(blob.digest(), done);
                        lastReport = done;
                    }
                }
            }
            progress.blobProgress(blob.digest(), done);
        }
    }

    private int read(InputStream in, byte[] buffer, Descriptor blob, long done) throws DownloadBrokeOffException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new DownloadBrokeOffException(blob.digest(), origin, done, blob.size(), e);
        }
    }

    private static BlobVerificationException verificationCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BlobVerificationException v) {
                return v;
            }
        }
        return null;
    }
}
