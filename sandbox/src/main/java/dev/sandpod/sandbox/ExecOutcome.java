package dev.sandpod.sandbox;

import dev.sandpod.runtime.exec.ExecResult;

/** An exec's result with the container instance it ran in. */
public record ExecOutcome(String execId, String container, int instance, ExecResult result) {
}
