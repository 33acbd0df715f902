package dev.sandpod.api.http;

/**
 * One API operation (one route). It reads the request and writes the answer through the {@link Exchange};
 * any failure it throws becomes the JSON error that {@link ErrorMapper} picks for it.
 */
@FunctionalInterface
public interface Operation {
    void handle(Exchange exchange) throws Exception;
}
