package dev.sandpod.client.model;

/** A registry secret as the API shows it: never its password. */
public record SecretInfo(String name, String server, String username) {
}
