package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/secrets}: a registry secret. {@link #toString()} leaves the password out, so
 * it can't reach a log by accident.
 *
 * @param replace replace a secret of that name instead of failing with {@code SecretExists}
 */
public record SecretCreateRequest(@JsonProperty(required = true) String name,
                                  @JsonProperty(required = true) String server,
                                  @JsonProperty(required = true) String username,
                                  @JsonProperty(required = true) String password,
                                  boolean replace) {
    @Override
    public String toString() {
        return "SecretCreateRequest[name=" + name + ", server=" + server + ", username=" + username + ", password=<hidden>, replace=" + replace + "]";
    }
}
