package dev.sandpod.api.http;

import java.io.IOException;

/** Thrown from a request body's stream the moment it passes its limit, so it never fills memory or disk. */
final class BodyTooLargeException extends IOException {
    private final long limit;

    BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
