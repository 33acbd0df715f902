package dev.sandpod.runtime.files;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CgroupMembershipTest {
    private static final String CONTAINER = "/sandpod/1a2b3c4d/sb1/c1";

    @Test
    void aProcessInTheContainersCgroupOfAnyHierarchyIsIn() {
        assertTrue(CgroupMembership.isIn("12:pids:/\n4:memory:/sandpod/1a2b3c4d/sb1/c1\n0::/\n", CONTAINER));
        assertTrue(CgroupMembership.isIn("0::/sandpod/1a2b3c4d/sb1/c1\n", CONTAINER));
    }

    @Test
    void aChildCgroupOfTheContainersCountsAsIn() {
        assertTrue(CgroupMembership.isIn("0::/sandpod/1a2b3c4d/sb1/c1/sub\n", CONTAINER));
    }

    @Test
    void aReusedPidInAnotherCgroupIsNotIn() {
        assertFalse(CgroupMembership.isIn("4:memory:/user.slice\n0::/user.slice/session-1.scope\n", CONTAINER));
        assertFalse(CgroupMembership.isIn("0::/sandpod/1a2b3c4d/sb1/c10\n", CONTAINER), "a sibling with a longer name");
        assertFalse(CgroupMembership.isIn("garbage\n", CONTAINER));
    }
}
