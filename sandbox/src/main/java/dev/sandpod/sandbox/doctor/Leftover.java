package dev.sandpod.sandbox.doctor;

/** A {@link Finding} with the way to remove it. */
record Leftover(Finding finding, Removal removal) {
    @FunctionalInterface
    interface Removal {
        void remove() throws Exception;
    }

    static Leftover of(LeftoverKind kind, String name, Removal removal) {
        return new Leftover(new Finding(kind, name), removal);
    }
}
