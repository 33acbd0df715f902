package dev.sandpod.runtime.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPathTest {
    @Test
    void relativeAndAbsolutePathsBothStartAtTheRoot() throws Exception {
        assertEquals(List.of("etc", "hosts"), ContainerPath.parse("etc/hosts").parts());
        assertEquals(List.of("etc", "hosts"), ContainerPath.parse("/etc/hosts").parts());
        assertEquals("/etc/hosts", ContainerPath.parse("//etc/./hosts/").toString());
    }

    @Test
    void dotDotIsKeptForTheKernelToResolveInsideTheRoot() throws Exception {
        ContainerPath p = ContainerPath.parse("/a/../../b");
        assertEquals(List.of("a", "..", "..", "b"), p.parts());
        assertEquals("a/../../b", p.relative());
    }

    @Test
    void theRootHasNoLeafAndIsOpenedAsDot() throws Exception {
        ContainerPath root = ContainerPath.parse("/");
        assertTrue(root.isRoot());
        assertFalse(root.hasNamedLeaf());
        assertEquals(".", root.relative());
        assertEquals("/", root.toString());
        assertEquals(root, ContainerPath.parse("/./."));
    }

    @Test
    void aPathEndingInDotDotNamesNothingToMakeOrRemove() throws Exception {
        assertFalse(ContainerPath.parse("/a/..").hasNamedLeaf());
        assertTrue(ContainerPath.parse("/a/b").hasNamedLeaf());
        assertEquals(ContainerPath.parse("/a"), ContainerPath.parse("/a/b").parent());
    }

    @Test
    void emptyNulAndOverlongPathsAreInvalidPaths() {
        for (String bad : new String[] {"", "/a\0b", "/" + "x".repeat(5000)}) {
            FilesException e = assertThrows(FilesException.class, () -> ContainerPath.parse(bad));
            assertEquals(FilesException.Problem.INVALID_PATH, e.problem());
        }
    }

    @Test
    void aTrailingSlashDotAsksForADirectorysContents() {
        assertTrue(ContainerPath.meansContents("/srv/app/."));
        assertTrue(ContainerPath.meansContents("."));
        assertFalse(ContainerPath.meansContents("/srv/app"));
        assertFalse(ContainerPath.meansContents("/srv/app/"));
    }
}
