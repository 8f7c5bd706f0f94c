package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The MQTT decoders answer for any bytes, never throw, and accept only sane commands. */
class CommandFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void commandPayloadGivesAnAnswer(byte[] payload) {
        Command.Decoded d = Command.decode(payload);
        assertNotNull(d);
        switch (d) {
            case Command.Ok ok -> {
                Command c = ok.command();
                assertFalse(c.value().isEmpty());
                assertTrue(c.value().length() <= 64);
                c.id().ifPresent(id -> assertTrue(id.matches("[A-Za-z0-9._:@-]{1,64}"), id));
                c.expiry().ifPresent(e -> assertTrue(e > Long.MIN_VALUE));
            }
            case Command.Bad bad -> assertFalse(bad.reason().isBlank());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void commandTopicAndOutboxEntryGiveAnAnswer(byte[] bytes) {
        String topic = new String(bytes, StandardCharsets.UTF_8);
        new Topics("piot").parseSet(topic).ifPresent(t -> assertTrue(topic.equals("piot/" + t.node() + "/" + t.thing() + "/" + t.action() + "/set")));
        assertNotNull(OutboxEntry.decode(bytes));
    }
}
