package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a user may send on {@code …/ACTION/set}, and the clear refusals for everything else. */
class CommandTest {
    static Command ok(String payload) {
        return assertInstanceOf(Command.Ok.class, Command.decode(payload.getBytes(StandardCharsets.UTF_8))).command();
    }

    static String bad(String payload) {
        return assertInstanceOf(Command.Bad.class, Command.decode(payload.getBytes(StandardCharsets.UTF_8))).reason();
    }

    @Test
    void bareValuesAreTakenAsTheyAre() {
        assertEquals(new Command("on", Optional.empty(), OptionalLong.empty()), ok("on"));
        assertEquals("0.5", ok(" 0.5\n").value());
        assertEquals("on", ok("\"on\"").value());
        assertEquals("true", ok("true").value());
    }

    @Test
    void anObjectCarriesValueIdAndExpiryInMillisOrIso() {
        assertEquals(new Command("off", Optional.of("c-1"), OptionalLong.of(1_795_341_630_000L)),
                ok("{\"value\":\"off\",\"id\":\"c-1\",\"expiry\":1795341630000}"));
        assertEquals(OptionalLong.of(1_795_341_630_000L), ok("{\"value\":0.25,\"expiry\":\"2026-11-22T10:00:30Z\"}").expiry());
        assertEquals("0.25", ok("{\"value\":0.25}").value());
    }

    @Test
    void malformedCommandsAreRefusedWithTheReason() {
        assertTrue(bad("").contains("empty"));
        assertTrue(bad("{\"id\":\"x\"}").contains("missing field 'value'"));
        assertTrue(bad("{\"value\":\"on\",\"colour\":1}").contains("unknown field 'colour'"));
        assertTrue(bad("{\"value\":\"on\",\"id\":\"has space\"}").contains("'id'"));
        assertTrue(bad("{\"value\":\"on\",\"expiry\":\"tomorrow\"}").contains("'expiry'"));
        assertTrue(bad("{\"value\":{\"nested\":1}}").contains("'value'"));
        assertTrue(bad("[1,2]").contains("JSON object"));
        assertTrue(bad("{\"value\":\"on\",\"value\":\"off\"}").contains("neither"));
        assertTrue(bad("turn it on please").contains("neither"));
        assertEquals("command is not UTF-8 text", ((Command.Bad) Command.decode(new byte[] {(byte) 0xC3, 0x28})).reason());
        assertTrue(bad("x".repeat(Command.MAX_PAYLOAD + 1)).contains("larger"));
    }
}
