package dev.sandpod.runtime.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.RuntimeClass;
import org.junit.jupiter.api.Test;

class RootChoiceTest {
    @Test
    void aRunningRuncContainerIsSeenThroughItsProcessRoot() {
        assertTrue(RootChoice.tryProcessRoot(RuntimeClass.RUNC));
        assertInstanceOf(RootChoice.ProcessRoot.class, RootChoice.choose(RuntimeClass.RUNC, true, true));
    }

    @Test
    void aStoppedContainerIsSeenThroughItsMountedRootfs() {
        assertInstanceOf(RootChoice.Rootfs.class, RootChoice.choose(RuntimeClass.RUNC, false, true));
    }

    @Test
    void gVisorContainersAlwaysUseTheRootfsTheirGoferServes() {
        assertFalse(RootChoice.tryProcessRoot(RuntimeClass.RUNSC));
        assertInstanceOf(RootChoice.Rootfs.class, RootChoice.choose(RuntimeClass.RUNSC, true, true));
    }

    @Test
    void withNeitherTheFilesAreUnavailable() {
        assertInstanceOf(RootChoice.Unavailable.class, RootChoice.choose(RuntimeClass.RUNC, false, false));
        assertInstanceOf(RootChoice.Unavailable.class, RootChoice.choose(RuntimeClass.RUNSC, true, false));
    }
}
