package dev.sandpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CopyTargetTest {
    @Test
    void nameColonPathIsInASandbox() {
        assertEquals(new CopyTarget.Remote("web", "/etc/hosts"), CopyTarget.parse("web:/etc/hosts"));
        assertEquals(new CopyTarget.Remote("web-2", "tmp/x:y"), CopyTarget.parse("web-2:tmp/x:y"), "the first colon splits");
    }

    @Test
    void aDashIsATarStream() {
        assertEquals(new CopyTarget.Stdio(), CopyTarget.parse("-"));
    }

    @Test
    void absoluteDottedAndColonlessPathsAreLocal() {
        assertEquals(new CopyTarget.Local("/tmp/a:b"), CopyTarget.parse("/tmp/a:b"));
        assertEquals(new CopyTarget.Local("./web:x"), CopyTarget.parse("./web:x"));
        assertEquals(new CopyTarget.Local("file.txt"), CopyTarget.parse("file.txt"));
        assertEquals(new CopyTarget.Local("Web:x"), CopyTarget.parse("Web:x"), "not a sandbox name");
        assertEquals(new CopyTarget.Local("a/b/c:d"), CopyTarget.parse("a/b/c:d"));
    }

    @Test
    void aServiceOrAnEmptyPathIsAUsageError() {
        assertTrue(assertThrows(UsageException.class, () -> CopyTarget.parse("web/db:/x")).getMessage().contains("service"));
        assertTrue(assertThrows(UsageException.class, () -> CopyTarget.parse("web:")).getMessage().contains("after the colon"));
    }
}
