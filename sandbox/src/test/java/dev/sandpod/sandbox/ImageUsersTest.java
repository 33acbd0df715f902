package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.ContainerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageUsersTest {
    private static final String PASSWD = """
            # the image's users
            root:x:0:0:root:/root:/bin/sh

            app:x:1000:1000::/home/app:/bin/sh
            broken line without colons
            bad:x:notanumber:1:::
            short:x:5
            :x:7:7::/:/bin/sh
            nobody:x:65534:65534:nobody:/:/bin/sh
            """;
    private static final String GROUP = """
            root:x:0:
            # comment
            app:x:1000:
            extra:x:2000:app
            staff:x:50:root, app ,other
            junk
            worse:x:nan:app
            """;
    private final ImageUsers users = ImageUsers.parse(PASSWD, GROUP);

    @Test
    void commentsBlankAndMalformedLinesAreIgnored() {
        assertEquals(List.of("root", "app", "nobody"), users.passwd().stream().map(ImageUsers.PasswdEntry::name).toList());
        assertEquals(List.of("root", "app", "extra", "staff"), users.groups().stream().map(ImageUsers.GroupEntry::name).toList());
        assertEquals(List.of("root", "app", "other"), users.groups().get(3).members());
        assertEquals("/home/app", users.passwd().get(1).home());
    }

    @Test
    void aNameGetsItsPrimaryGroupAndEveryGroupListingIt() throws Exception {
        assertEquals(new ContainerSpec.User(1000, 1000, List.of(2000L, 50L)), users.resolve("app"));
        assertEquals(new ContainerSpec.User(0, 0, List.of(50L)), users.resolve("root"));
        assertEquals(new ContainerSpec.User(0, 0, List.of(50L)), users.resolve(""));
    }

    @Test
    void aUidInPasswdIsResolvedLikeItsName() throws Exception {
        assertEquals(new ContainerSpec.User(1000, 1000, List.of(2000L, 50L)), users.resolve("1000"));
    }

    @Test
    void anUnknownUidRunsWithGidZeroAndAnExplicitGidAsGiven() throws Exception {
        assertEquals(new ContainerSpec.User(1234, 0, List.of()), users.resolve("1234"));
        assertEquals(new ContainerSpec.User(1234, 5678, List.of()), users.resolve("1234:5678"));
        assertEquals(new ContainerSpec.User(1234, 5678, List.of()), ImageUsers.NONE.resolve("1234:5678"));
    }

    @Test
    void anExplicitGroupReplacesThePrimaryAndDropsSupplementaryGroups() throws Exception {
        assertEquals(new ContainerSpec.User(1000, 2000, List.of()), users.resolve("app:extra"));
        assertEquals(new ContainerSpec.User(1000, 7, List.of()), users.resolve("app:7"));
        assertEquals(new ContainerSpec.User(0, 0, List.of()), ImageUsers.NONE.resolve("root:root"));
    }

    @Test
    void unknownNamesAreRefusedNamingThem() {
        var user = assertThrows(ImageUsers.UnknownUserException.class, () -> users.resolve("nobodyhere"));
        assertTrue(user.getMessage().contains("unable to find user nobodyhere"), user.getMessage());
        var group = assertThrows(ImageUsers.UnknownUserException.class, () -> users.resolve("app:nogroup"));
        assertTrue(group.getMessage().contains("unable to find group nogroup"), group.getMessage());
        assertThrows(ImageUsers.UnknownUserException.class, () -> ImageUsers.NONE.resolve("app"));
    }

    @Test
    void malformedSpecsAreRequestErrors() {
        for (String bad : List.of(":", "a:", ":1", "a:b:c", "99999999999")) {
            assertEquals("user", assertThrows(InvalidRequestException.class, () -> ImageUsers.checkSyntax(bad)).field(), bad);
        }
    }
}
