package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import piot.gateway.router.Parsed;
import piot.gateway.router.RouterMessage.ActionStatus;
import piot.gateway.router.RouterMessage.EventMessage;

/** The stored form of outbox entries: round trip, and unreadable bytes refused with a reason. */
class OutboxEntryTest {
    @Test
    void eventsAndStatusesRoundTrip() {
        OutboxEntry ev = new OutboxEntry.Event("barn", new EventMessage("air", "temperature", 21.4, "°C", 1_795_341_600_123L,
                false, Optional.empty()));
        OutboxEntry st = new OutboxEntry.Status(new ActionStatus("r1", "gh", "pump", "switch", ActionStatus.Status.COMPLETED,
                "pump on", 1_795_341_600_000L));
        assertEquals(ev, OutboxEntry.decode(OutboxEntry.encode(ev)).orThrow());
        assertEquals(st, OutboxEntry.decode(OutboxEntry.encode(st)).orThrow());
        assertEquals("piot-mqtt/1 event barn", new String(OutboxEntry.encode(ev), StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }

    @Test
    void foreignOrDamagedBytesAreMalformed() {
        assertInstanceOf(Parsed.Malformed.class, OutboxEntry.decode("hello".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(Parsed.Malformed.class, OutboxEntry.decode("piot-mqtt/1 event gh\n{\"thing\":".getBytes(StandardCharsets.UTF_8)));
        assertInstanceOf(Parsed.Malformed.class, OutboxEntry.decode("piot-mqtt/1 join gh\n{\"pattern\":\"a/b/c\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
