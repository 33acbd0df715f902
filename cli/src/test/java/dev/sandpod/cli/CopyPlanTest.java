package dev.sandpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** docker cp's placement rules, one per case of its documentation. */
class CopyPlanTest {
    private static CopyPlan.Placement place(boolean dir, boolean contents, String dest, CopyPlan.Dest kind) throws Exception {
        return CopyPlan.place(dir, "src", contents, dest, kind, "/parent", Optional.of("leaf"));
    }

    @Test
    void intoAnExistingDirectoryTheCopyKeepsItsName() throws Exception {
        assertEquals(new CopyPlan.Placement("/d", "src", false), place(false, false, "/d", CopyPlan.Dest.DIRECTORY));
        assertEquals(new CopyPlan.Placement("/d", "src", false), place(true, false, "/d", CopyPlan.Dest.DIRECTORY));
    }

    @Test
    void slashDotCopiesADirectorysContentsIntoTheDestination() throws Exception {
        assertEquals(new CopyPlan.Placement("/d", ".", false), place(true, true, "/d", CopyPlan.Dest.DIRECTORY));
        assertEquals(new CopyPlan.Placement("/d", ".", true), place(true, true, "/d", CopyPlan.Dest.MISSING));
    }

    @Test
    void aFileReplacesAnExistingFileUnderItsName() throws Exception {
        assertEquals(new CopyPlan.Placement("/parent", "leaf", false), place(false, false, "/f", CopyPlan.Dest.OTHER));
    }

    @Test
    void aMissingDestinationBecomesTheCopysNewName() throws Exception {
        assertEquals(new CopyPlan.Placement("/parent", "leaf", false), place(false, false, "/new", CopyPlan.Dest.MISSING));
        assertEquals(new CopyPlan.Placement("/parent", "leaf", false), place(true, false, "/new", CopyPlan.Dest.MISSING));
    }

    @Test
    void aDirectoryOverAFileIsRefused() {
        assertThrows(CopyPlan.Refused.class, () -> place(true, false, "/f", CopyPlan.Dest.OTHER));
    }

    @Test
    void aFileIntoAMissingDirectoryWrittenWithASlashIsRefused() throws Exception {
        assertThrows(CopyPlan.Refused.class, () -> place(false, false, "/nodir/", CopyPlan.Dest.MISSING));
        assertEquals(new CopyPlan.Placement("/parent", "leaf", false), place(true, false, "/newdir/", CopyPlan.Dest.MISSING),
                "a directory is made under that name");
    }
}
