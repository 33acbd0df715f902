package dev.sandpod.api.execs;

import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.client.model.ExecCommandResult;
import dev.sandpod.runtime.exec.CapturedOutput;
import dev.sandpod.runtime.exec.ExecResult;
import dev.sandpod.sandbox.ExecOutcome;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** An exec's outcome as the API answers it. */
final class ExecResults {
    private ExecResults() {
    }

    static boolean base64(String encoding) throws ApiProblem {
        if (encoding == null || encoding.equals("utf-8")) {
            return false;
        }
        if (encoding.equals("base64")) {
            return true;
        }
        throw ApiProblem.badRequest("InvalidField", "encoding must be utf-8 or base64, not '" + encoding + "'", null,
                Map.of("field", "encoding"));
    }

    static ExecCommandResult of(ExecOutcome outcome, boolean base64) {
        ExecResult r = outcome.result();
        return new ExecCommandResult(outcome.execId(), outcome.container(), outcome.instance(), r.exitCode(),
                r.timedOut(), r.killed(), r.startFailure().orElse(null), text(r.stdout(), base64),
                text(r.stderr(), base64), base64 ? "base64" : "utf-8", r.stdout().totalBytes(), r.stderr().totalBytes(),
                r.stdout().droppedBytes(), r.stderr().droppedBytes(), r.duration().toMillis());
    }

    /** For the last event of a stream: the output went out as it came. */
    static ExecCommandResult withoutOutput(ExecOutcome outcome) {
        ExecResult r = outcome.result();
        return new ExecCommandResult(outcome.execId(), outcome.container(), outcome.instance(), r.exitCode(),
                r.timedOut(), r.killed(), r.startFailure().orElse(null), "", "", "base64", r.stdout().totalBytes(),
                r.stderr().totalBytes(), 0, 0, r.duration().toMillis());
    }

    private static String text(CapturedOutput output, boolean base64) {
        return base64 ? Base64.getEncoder().encodeToString(output.bytes()) : new String(output.bytes(), StandardCharsets.UTF_8);
    }
}
