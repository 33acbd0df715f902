package dev.sandpod.sandbox.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.state.RootLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How doctor decides what a live sandbox owns, without touching the machine. */
class OwnershipTest {
    private static final RootLayout LAYOUT = RootLayout.of(Path.of("/srv/root"));
    private static final Ownership OWNED = new Ownership(Set.of("aaaaaaaaaaaa"), Set.of("c1"),
            List.of("{\"service\":\"main\",\"container\":\"c2\"}"));

    @Test
    void aContainerNamedByAPendingIntentIsOwnedButOnlyByItsWholeId() {
        assertTrue(OWNED.ownsContainer("c1"));
        assertTrue(OWNED.ownsContainer("c2"));
        assertFalse(OWNED.ownsContainer("c"));
        assertFalse(OWNED.ownsContainer("c3"));
    }

    @Test
    void pathsUnderSandboxesBelongToTheirSandboxAndContainer() {
        Path sandboxes = LAYOUT.sandboxesDir();
        assertTrue(RootOwnership.owned(LAYOUT, OWNED, sandboxes.resolve("aaaaaaaaaaaa/pods/main")));
        assertTrue(RootOwnership.owned(LAYOUT, OWNED, sandboxes.resolve("aaaaaaaaaaaa/containers/c1/rootfs")));
        assertFalse(RootOwnership.owned(LAYOUT, OWNED, sandboxes.resolve("aaaaaaaaaaaa/containers/gone/rootfs")));
        assertFalse(RootOwnership.owned(LAYOUT, OWNED, sandboxes.resolve("bbbbbbbbbbbb/containers/c1/rootfs")));
    }

    @Test
    void aRuntimeDirMountIsOwnedWhenAPartOfItsPathNamesALiveSandboxOrContainer() {
        Path run = LAYOUT.runtimeDir();
        assertTrue(RootOwnership.namesOwned(run, OWNED, run.resolve("pidns/aaaaaaaaaaaa-debug")));
        assertTrue(RootOwnership.namesOwned(run, OWNED, run.resolve("containers/c1/shm")));
        assertFalse(RootOwnership.namesOwned(run, OWNED, run.resolve("containers/gone/shm")));
    }

    @Test
    void octalEscapesInMountinfoAreDecoded() {
        assertEquals("/srv/a b\\x", MountInfo.unescape("/srv/a\\040b\\134x"));
        assertEquals("/srv/plain\\04", MountInfo.unescape("/srv/plain\\04"));
    }
}
