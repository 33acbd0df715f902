package dev.sandpod.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short-lived tool with a clean environment, stdin given, stdout and stderr captured, and a deadline. */
final class ProcessRunner {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Duration timeout;

    ProcessRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Runs {@code argv}; the environment is only PATH plus {@code env}. An exit code != 0 is a result, not an error. */
    Result run(List<String> argv, Map<String, String> env, byte[] stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().put("PATH", PATH);
        builder.environment().putAll(env);
        Process process = builder.start();
        Future<String> out = drain(process.getInputStream());
        Future<String> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // The tool exited without reading all of stdin; its exit code and output say why.
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new IOException(argv.getFirst() + " did not finish within " + timeout.toMillis() + " ms");
            }
            return new Result(process.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + argv.getFirst(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read the output of " + argv.getFirst(), e);
        }
    }

    Result run(List<String> argv) throws IOException {
        return run(argv, Map.of(), new byte[0]);
    }

    private static Future<String> drain(InputStream stream) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.ofVirtual().start(task);
        return task;
    }
}
