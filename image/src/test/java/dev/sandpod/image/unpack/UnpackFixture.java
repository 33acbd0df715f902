package dev.sandpod.image.unpack;

import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.core.sys.Syscalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A layer directory and an "outside" sibling that no entry may ever touch. */
abstract class UnpackFixture {
    final Syscalls sys = new LinuxSyscalls();
    Path layer;
    Path outside;

    void makeDirs(Path tmp) throws IOException {
        layer = Files.createDirectory(tmp.resolve("layer"));
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    UnpackResult unpack(LayerTars tar) throws Exception {
        return unpack(tar.toBytes());
    }

    UnpackResult unpack(byte[] tar) throws Exception {
        return new LayerUnpacker(sys).unpack(new ByteArrayInputStream(tar), layer, "sha256:test");
    }

    boolean outsideIsEmpty() throws IOException {
        try (Stream<Path> s = Files.list(outside)) {
            return s.findAny().isEmpty();
        }
    }

    static int mode(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
