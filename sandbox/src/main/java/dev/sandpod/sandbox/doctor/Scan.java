package dev.sandpod.sandbox.doctor;

import java.util.List;

/** One kind of leftover: finds those that no live sandbox of the root owns. Never changes anything itself. */
interface Scan {
    List<Leftover> scan(Ownership owned) throws DoctorException;
}
