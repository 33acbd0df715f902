package dev.sandpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
    @Test
    void parsesABearerChallenge() {
        var challenges = AuthChallenge.parse(List.of(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:app:pull\""));

        assertEquals(List.of(new AuthChallenge("Bearer", Map.of("realm", "https://auth.example/token",
                "service", "registry.example", "scope", "repository:app:pull"))), challenges);
    }

    @Test
    void keepsCommasInsideQuotedValues() {
        var c = AuthChallenge.parse(List.of("Bearer realm=\"https://a/t\",scope=\"repository:app:pull,push\"")).getFirst();

        assertEquals(Optional.of("repository:app:pull,push"), c.param("scope"));
    }

    @Test
    void unescapesQuotedPairs() {
        var c = AuthChallenge.parse(List.of("Basic realm=\"say \\\"hi\\\"\"")).getFirst();

        assertEquals(Optional.of("say \"hi\""), c.param("realm"));
    }

    @Test
    void splitsSeveralChallengesInOneHeader() {
        var challenges = AuthChallenge.parse(List.of("Basic realm=\"r1\", Bearer realm=\"https://a/t\", service=s"));

        assertEquals(2, challenges.size());
        assertTrue(challenges.get(0).is("basic"));
        assertEquals(Optional.of("r1"), challenges.get(0).param("realm"));
        assertTrue(challenges.get(1).is("BEARER"));
        assertEquals(Optional.of("s"), challenges.get(1).param("service"));
    }

    @Test
    void readsChallengesFromSeveralHeaders() {
        var challenges = AuthChallenge.parse(List.of("Negotiate", "Basic realm=x"));

        assertEquals(List.of("Negotiate", "Basic"), challenges.stream().map(AuthChallenge::scheme).toList());
    }

    @Test
    void parameterNamesAreCaseInsensitiveAndSpacesAroundEqualsAreAllowed() {
        var c = AuthChallenge.parse(List.of("Bearer Realm = \"https://a/t\" , Service=svc")).getFirst();

        assertEquals(Optional.of("https://a/t"), c.param("realm"));
        assertEquals(Optional.of("svc"), c.param("SERVICE"));
    }

    @Test
    void toleratesAnUnterminatedQuote() {
        var c = AuthChallenge.parse(List.of("Bearer realm=\"https://a/t")).getFirst();

        assertEquals(Optional.of("https://a/t"), c.param("realm"));
    }
}
