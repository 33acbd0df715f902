package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The body of {@code POST /v1/images/save}: the stored images to write into one archive, by name or id. */
public record SaveRequest(@JsonProperty(required = true) List<String> references) {
}
