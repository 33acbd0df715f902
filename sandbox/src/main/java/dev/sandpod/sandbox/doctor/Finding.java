package dev.sandpod.sandbox.doctor;

/** One leftover: its kind and what names it on the machine (a path, a link name, a pid and container id). */
public record Finding(LeftoverKind kind, String name) {
    @Override
    public String toString() {
        return kind.label() + " " + name;
    }
}
