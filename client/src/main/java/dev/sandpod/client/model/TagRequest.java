package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/images/tag}.
 *
 * @param source a stored image's name or id
 * @param target the new name, such as 127.0.0.1:5000/app:v1
 */
public record TagRequest(@JsonProperty(required = true) String source, @JsonProperty(required = true) String target) {
}
