package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Only the acknowledged prefix of what was sent is ever confirmed in holding. */
class InFlightTest {
    @Test
    void outOfOrderAcknowledgementsConfirmOnlyTheContiguousPrefix() {
        InFlight f = new InFlight();
        f.sent(3);
        f.sent(5); // 4 was dropped from holding (conflated): not waited for
        f.sent(6);
        assertEquals(OptionalLong.empty(), f.acked(5));
        assertEquals(OptionalLong.empty(), f.acked(99), "an ack for something not in flight is ignored");
        assertEquals(OptionalLong.of(5), f.acked(3));
        assertEquals(1, f.size());
        assertEquals(OptionalLong.of(6), f.acked(6));
        assertEquals(0, f.size());
    }

    @Test
    void afterALostConnectionNothingIsConfirmedFromTheOldWindow() {
        InFlight f = new InFlight();
        f.sent(1);
        f.clear();
        assertEquals(OptionalLong.empty(), f.acked(1));
    }
}
