package dev.sandpod.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntryNameTest {
    @Test
    void leadingSlashesAndDotsAreDroppedAsTarDoes() {
        assertEquals(List.of("etc", "passwd"), EntryName.below("/etc/passwd").orElseThrow().parts());
        assertEquals(List.of("a", "b"), EntryName.below("./a/./b/").orElseThrow().parts());
    }

    @Test
    void theDirectoryItselfIsTheEmptyPath() {
        assertTrue(EntryName.below("./").orElseThrow().isRoot());
        assertTrue(EntryName.below(".").orElseThrow().isRoot());
    }

    @Test
    void dotDotInsideTheDirectoryIsApplied() {
        assertEquals(List.of("b"), EntryName.below("a/../b").orElseThrow().parts());
    }

    @Test
    void dotDotClimbingAboveTheDirectoryIsRefused() {
        assertTrue(EntryName.below("../etc/passwd").isEmpty());
        assertTrue(EntryName.below("a/../../etc").isEmpty());
        assertTrue(EntryName.below("/../x").isEmpty());
    }

    @Test
    void rebaseRenamesOnlyTheTopComponent() {
        ExtractOptions.Rebase r = new ExtractOptions.Rebase("app", "copy");
        assertEquals("copy", EntryName.rebased("app", r));
        assertEquals("copy/", EntryName.rebased("app/", r));
        assertEquals("copy/sub/app", EntryName.rebased("./app/sub/app", r));
        assertEquals("copy/x", EntryName.rebased("/app/x", r));
        assertEquals("apple/x", EntryName.rebased("apple/x", r), "a name that only starts with the same letters");
        assertEquals("other/app", EntryName.rebased("other/app", r));
    }
}
