package dev.sandpod.sandbox;

import java.time.Instant;

/**
 * One state change with a reason, as {@code describe} and {@code events} show it.
 *
 * @param object the sandbox's name, or NAME/CONTAINER for a container's events
 * @param reason Pulling, Pulled, ErrImagePull, Created, Started, BackOff, OOMKilled, Killing, Failed, ...
 */
public record Event(Instant at, String object, String reason, String message) {
}
