package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/images/push}.
 *
 * @param reference a stored image's name, which says where it goes, such as 127.0.0.1:5000/app:v1
 * @param secret    the registry secret to authenticate with, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushRequest(@JsonProperty(required = true) String reference, String secret) {
    public static PushRequest of(String reference) {
        return new PushRequest(reference, null);
    }
}
