package dev.sandpod.cli;

import java.util.Optional;

/**
 * Where {@code sandpod cp} unpacks a copy and under which name, from what is at the source and the destination,
 * following {@code docker cp}: into an existing directory under the source's own name ({@code SRC/.}: its contents);
 * over an existing file; or as a new name whose parent exists. A directory is never copied over a file, and a
 * file never into a missing directory written with a trailing slash.
 */
final class CopyPlan {
    /** What is at the destination now. */
    enum Dest { DIRECTORY, OTHER, MISSING }

    /**
     * @param directory  where the archive is unpacked (an existing directory)
     * @param topName    the name the copy gets there ("." when the source's contents go straight into it)
     * @param makeDirectory the destination directory doesn't exist yet: make it, then unpack into it
     */
    record Placement(String directory, String topName, boolean makeDirectory) {
    }

    /** A copy that can't be done as asked; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private CopyPlan() {
    }

    /**
     * @param sourceName   the source's last component
     * @param contentsOnly the source was written {@code DIR/.}
     * @param destination  the destination as written; {@code parent} and {@code leaf} of it as the side's paths split it
     */
    static Placement place(boolean sourceIsDirectory, String sourceName, boolean contentsOnly, String destination,
                           Dest dest, String parent, Optional<String> leaf) throws Refused {
        switch (dest) {
            case DIRECTORY -> {
                return new Placement(destination, sourceIsDirectory && contentsOnly ? "." : sourceName, false);
            }
            case OTHER -> {
                if (sourceIsDirectory) {
                    throw new Refused("can't copy a directory to " + destination + ": it is not a directory");
                }
                return new Placement(parent, leaf.orElseThrow(), false);
            }
            default -> {
                if (!sourceIsDirectory && destination.endsWith("/")) {
                    throw new Refused("the directory " + destination + " does not exist");
                }
                if (leaf.isEmpty()) {
                    throw new Refused(destination + " names no file or directory to copy to");
                }
                if (sourceIsDirectory && contentsOnly) {
                    return new Placement(destination, ".", true);
                }
                return new Placement(parent, leaf.get(), false);
            }
        }
    }
}
