package dev.sandpod.client.model;

import java.util.List;

/** What {@code DELETE /v1/images/{ref}} answers: lines such as {@code untagged NAME} and {@code deleted DIGEST}. */
public record RemoveResult(List<String> removed) {
    public RemoveResult {
        removed = List.copyOf(removed);
    }
}
