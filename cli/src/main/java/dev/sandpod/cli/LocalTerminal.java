package dev.sandpod.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The user's own terminal, for `exec -t`: its size, and raw mode (keys go to the command as typed, ^C included)
 * for the exec's length, through stty on /dev/tty since the JDK has no call for either.
 */
final class LocalTerminal implements AutoCloseable {
    private static final File TTY = new File("/dev/tty");
    private final Optional<String> saved;

    private LocalTerminal(Optional<String> saved) {
        this.saved = saved;
    }

    /** Whether this process's stdin and stdout are a terminal. */
    static boolean present() {
        var console = System.console();
        return console != null && console.isTerminal() && TTY.exists();
    }

    /** rows and columns, when there is a terminal to ask. */
    static Optional<int[]> size() {
        if (!present()) {
            return Optional.empty();
        }
        return stty("size").flatMap(text -> {
            String[] parts = text.strip().split("\\s+");
            try {
                return parts.length == 2 ? Optional.of(new int[]{Integer.parseInt(parts[0]), Integer.parseInt(parts[1])})
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Puts the terminal in raw mode until closed; does nothing without one. */
    static LocalTerminal raw() {
        if (!present()) {
            return new LocalTerminal(Optional.empty());
        }
        Optional<String> saved = stty("-g").map(String::strip);
        saved.ifPresent(s -> stty("raw", "-echo"));
        return new LocalTerminal(saved);
    }

    @Override
    public void close() {
        saved.ifPresent(LocalTerminal::stty);
    }

    private static Optional<String> stty(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("stty"));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
