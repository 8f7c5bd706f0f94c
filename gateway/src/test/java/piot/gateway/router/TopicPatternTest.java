package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicPatternTest {

    private static TopicPattern p(String s) {
        return TopicPattern.parse(s).orThrow();
    }

    private static String reason(String s) {
        return assertInstanceOf(Parsed.Malformed.class, TopicPattern.parse(s)).reason();
    }

    @Test
    void anExactPatternMatchesOnlyItsOwnTopic() {
        assertTrue(p("barn-1/air/temperature").matches("barn-1", "air", "temperature"));
        assertFalse(p("barn-1/air/temperature").matches("barn-1", "air", "humidity"));
        assertFalse(p("barn-1/air/temperature").matches("barn-2", "air", "temperature"));
    }

    @Test
    void plusMatchesExactlyOneLevel() {
        assertTrue(p("+/air/+").matches("barn-1", "air", "humidity"));
        assertFalse(p("+/air/+").matches("barn-1", "soil", "humidity"));
        assertTrue(p("barn-1/+/level").matches("barn-1", "door", "level"));
    }

    @Test
    void hashMatchesTheRest() {
        assertTrue(p("#").matches("a", "b", "c"));
        assertTrue(p("barn-1/#").matches("barn-1", "x", "y"));
        assertFalse(p("barn-1/#").matches("barn-2", "x", "y"));
        assertTrue(p("barn-1/air/#").matches("barn-1", "air", "pressure"));
    }

    @Test
    void theNodeOfAPatternIsKnownUnlessItIsAWildcard() {
        assertEquals(Optional.of("barn-1"), p("barn-1/#").node());
        assertEquals(Optional.empty(), p("+/air/+").node());
        assertEquals(Optional.empty(), p("#").node());
    }

    @Test
    void theConstructorRefusesWhatParseRefuses() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TopicPattern("#/x"));
        assertEquals("pattern '#/x': '#' is allowed only as the last level", e.getMessage());
        assertEquals(java.util.List.of("+", "air", "#"), p("+/air/#").levels());
    }

    @Test
    void invalidPatternsSayWhatIsWrongAndWhatIsAllowed() {
        assertTrue(reason("").contains("empty pattern"));
        assertTrue(reason("#/air").contains("'#' is allowed only as the last level"));
        assertTrue(reason("a/b/c/d").contains("at most 3"));
        assertTrue(reason("a/b").contains("expected NODE/THING/KEY, or end it with '#'"));
        assertTrue(reason("a/Air/t").contains("level 2 'Air' must be a name"));
        assertTrue(reason("a//t").contains("level 2 '' must be a name"));
        assertTrue(reason("a/b+/c").contains("level 2 'b+'"));
    }
}
