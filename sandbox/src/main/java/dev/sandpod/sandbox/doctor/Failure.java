package dev.sandpod.sandbox.doctor;

/** A leftover that could not be removed, with why. */
public record Failure(Finding finding, String error) {
    @Override
    public String toString() {
        return finding + ": " + error;
    }
}
