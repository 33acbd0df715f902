package dev.sandpod.client.model;

/**
 * One state change with a reason (Pulling, Pulled, Created, Started, BackOff, OOMKilled, Killing, Failed, ...).
 *
 * @param at     ISO-8601 instant
 * @param object the sandbox's name, or NAME/CONTAINER
 */
public record EventInfo(String at, String object, String reason, String message) {
}
