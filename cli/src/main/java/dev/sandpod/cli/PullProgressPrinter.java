package dev.sandpod.cli;

import dev.sandpod.client.model.PullEvent;
import dev.sandpod.state.ByteSizes;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Shows a pull's progress events as the daemon streams them: on a terminal, one redrawn bar per blob; otherwise
 * one quiet line per finished blob, so logs stay readable.
 */
final class PullProgressPrinter implements Consumer<PullEvent>, AutoCloseable {
    private final PrintWriter err;
    private final boolean bars;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private int drawn;
    private long lastDraw;

    PullProgressPrinter(PrintWriter err, boolean bars) {
        this.err = err;
        this.bars = bars;
    }

    @Override
    public void accept(PullEvent event) {
        switch (event) {
            case PullEvent.Resolved r -> {
                err.println(r.reference() + ": resolved to " + r.manifest() + " on " + r.source());
                err.flush();
            }
            case PullEvent.BlobStarted s -> started(s);
            case PullEvent.BlobProgress p -> progress(p);
            case PullEvent.BlobDone d -> finished(d.blob(), shortHex(d.blob()) + " " + d.kind() + ": "
                    + (d.cached() ? "already in the store" : "downloaded " + ByteSizes.format(d.size())), true);
            case PullEvent.LayerUnpacked u -> finished(u.blob(), shortHex(u.blob()) + " layer: "
                    + (u.cached() ? "already unpacked" : "unpacked"), !u.cached());
            case PullEvent.Pulled pulled -> close();
            case PullEvent.Failed failed -> close();
        }
    }

    private void started(PullEvent.BlobStarted s) {
        sizes.put(s.blob(), s.size());
        if (bars) {
            lines.put(s.blob(), bar(s.blob(), s.alreadyHave(), s.size(), s.alreadyHave() > 0 ? "resuming" : "downloading"));
            redraw(true);
        }
    }

    private void progress(PullEvent.BlobProgress p) {
        if (bars && lines.containsKey(p.blob())) {
            lines.put(p.blob(), bar(p.blob(), p.bytes(), sizes.getOrDefault(p.blob(), 0L), "downloading"));
            redraw(false);
        }
    }

    /** A blob's last line: its bar becomes the text on a terminal; elsewhere the text is printed if {@code logged}. */
    private void finished(String blob, String text, boolean logged) {
        if (bars) {
            lines.put(blob, text);
            redraw(true);
        } else if (logged) {
            err.println(text);
            err.flush();
        }
    }

    /** The first 12 hex digits of a digest, as image ids are shown. */
    static String shortHex(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static String bar(String blob, long done, long size, String verb) {
        int width = 30;
        int filled = size <= 0 ? width : (int) Math.min(width, done * width / size);
        return shortHex(blob) + " [" + "=".repeat(filled) + " ".repeat(width - filled) + "] "
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
    public void close() {
        if (bars) {
            redraw(true);
        }
    }
}
