package dev.sandpod.sandbox.doctor;

import java.util.List;

/**
 * What one doctor run saw. {@code found}: every leftover, in removal order. {@code removed}: those removed (empty
 * for {@link Doctor#check()}). {@code failed}: those that could not be removed.
 */
public record DoctorReport(boolean dryRun, List<Finding> found, List<Finding> removed, List<Failure> failed) {
    public DoctorReport {
        found = List.copyOf(found);
        removed = List.copyOf(removed);
        failed = List.copyOf(failed);
    }

    /** Nothing was left over, or everything left over was removed. */
    public boolean clean() {
        return dryRun ? found.isEmpty() : failed.isEmpty();
    }
}
