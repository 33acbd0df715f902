package dev.sandpod.cli;

import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.state.ByteSizes;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows a pull: on a terminal, one redrawn bar per blob; otherwise one quiet line per finished blob,
 * so logs stay readable.
 */
final class PullProgressPrinter implements PullProgress, AutoCloseable {
    private final PrintWriter err;
    private final boolean bars;
    private final Map<Digest, String> lines = new LinkedHashMap<>();
    private final Map<Digest, Long> sizes = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    PullProgressPrinter(PrintWriter err, boolean bars) {
        this.err = err;
        this.bars = bars;
    }

    @Override
    public synchronized void resolved(String reference, Digest manifest, String source) {
        err.println(reference + ": resolved to " + manifest + " on " + source);
        err.flush();
    }

    @Override
    public synchronized void blobStarted(Digest blob, String kind, long size, long alreadyHave) {
        sizes.put(blob, size);
        if (bars) {
            lines.put(blob, bar(blob, kind, alreadyHave, size, alreadyHave > 0 ? "resuming" : "downloading"));
            redraw(true);
        }
    }

    @Override
    public synchronized void blobProgress(Digest blob, long bytesSoFar) {
        if (bars && lines.containsKey(blob)) {
            lines.put(blob, bar(blob, "", bytesSoFar, sizes.getOrDefault(blob, 0L), "downloading"));
            redraw(false);
        }
    }

    @Override
    public synchronized void blobDone(Digest blob, String kind, long size, boolean cached) {
        String text = blob.shortHex() + " " + kind + ": " + (cached ? "already in the store" : "downloaded " + ByteSizes.format(size));
        if (bars) {
            lines.put(blob, text);
            redraw(true);
        } else {
            err.println(text);
            err.flush();
        }
    }

    @Override
    public synchronized void layerUnpacked(Digest blob, Digest chainId, boolean cached) {
        String text = blob.shortHex() + " layer: " + (cached ? "already unpacked" : "unpacked");
        if (bars) {
            lines.put(blob, text);
            redraw(true);
        } else if (!cached) {
            err.println(text);
            err.flush();
        }
    }

    private static String bar(Digest blob, String kind, long done, long size, String verb) {
        int width = 30;
        int filled = size <= 0 ? width : (int) Math.min(width, done * width / size);
        return blob.shortHex() + " [" + "=".repeat(filled) + " ".repeat(width - filled) + "] "
                + ByteSizes.format(done) + " / " + ByteSizes.format(size) + " " + verb;
    }

    private void redraw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        if (drawn > 0) {
            err.print("\033[" + drawn + "A");
        }
        for (String line : lines.values()) {
            err.print("\033[2K" + line + "\n");
        }
        drawn = lines.size();
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (bars) {
            redraw(true);
        }
    }
}
