package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/images/pull}.
 *
 * @param reference what to pull, such as busybox:1.36 or 127.0.0.1:5000/app@sha256:...
 * @param secret    the registry secret to authenticate with, or null
 * @param platform  os/arch to pick from a multi-arch image, or null for the daemon's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PullRequest(@JsonProperty(required = true) String reference, String secret, String platform) {
    public static PullRequest of(String reference) {
        return new PullRequest(reference, null, null);
    }
}
