package dev.sandpod.image.registry;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One OCI distribution endpoint: what to send and how to read a successful answer. Implementations are
 * immutable; {@link RegistryEndpointCaller} owns everything else (auth, redirects, time-outs, error mapping).
 */
interface RegistryEndpointProvider<T> {
    String method();

    /** The absolute URI to call, usually a path under the registry's base URL. */
    URI target(RegistryEndpoint registry);

    /** The repository, for the token scope and for error messages. */
    String repository();

    /** The token scope actions: {@code pull} or {@code pull,push}. */
    default String actions() {
        return "pull";
    }

    /** What is being fetched or sent, for messages: {@code image 127.0.0.1:5000/app:v1}, {@code blob sha256:...}. */
    String what();

    default List<String> accept() {
        return List.of();
    }

    default List<Header> headers() {
        return List.of();
    }

    default Optional<RequestBody> body() {
        return Optional.empty();
    }

    /** Statuses {@link #handle} understands; anything else is mapped to an exception by the caller. */
    default boolean accepts(int status) {
        return status >= 200 && status < 300;
    }

    /** Whether {@link #handle}'s result takes over the open response (a streamed blob). */
    default boolean keepsResponseOpen() {
        return false;
    }

    T handle(RegistryResponse response) throws IOException, RegistryException;

    record Header(String name, String value) {
    }
}
