package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FileOwnersTest {
    @Test
    void anOwnerIsUserOptionallyColonGroupAndNothingElse() throws Exception {
        for (String bad : new String[] {"", ":", "a:", ":b", "a:b:c"}) {
            assertEquals("owner", assertThrows(InvalidRequestException.class, () -> FileOwners.checkSyntax(bad)).field(), bad);
        }
        FileOwners.checkSyntax("app");
        FileOwners.checkSyntax("1000:staff");
    }
}
