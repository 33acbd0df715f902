package dev.sandpod.client.model;

import java.util.List;

/** What {@code GET /v1/secrets} answers, sorted by name. */
public record SecretList(List<SecretInfo> secrets) {
    public SecretList {
        secrets = List.copyOf(secrets);
    }
}
