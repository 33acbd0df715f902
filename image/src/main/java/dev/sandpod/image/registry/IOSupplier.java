package dev.sandpod.image.registry;

import java.io.IOException;

/** Supplies a value and may fail with I/O; uploads use it so a body can be reopened for an authenticated retry. */
@FunctionalInterface
public interface IOSupplier<T> {
    T get() throws IOException;
}
