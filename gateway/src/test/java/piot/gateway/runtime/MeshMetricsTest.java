package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import piot.gateway.mesh.codec.Close;
import piot.gateway.mesh.codec.CloseReason;
import piot.gateway.mesh.codec.Confirm;
import piot.gateway.mesh.codec.Data;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.mesh.codec.EnvelopeCodec;
import piot.gateway.mesh.codec.Hello;
import piot.gateway.mesh.codec.MessageHash;
import piot.gateway.status.Metrics;
import piot.gateway.status.PiotMetrics;
import piot.time.ManualClock;

/** Each mesh metric moves exactly when the session traffic that defines it happens. */
class MeshMetricsTest {
    final ManualClock clock = new ManualClock(0, 1_700_000_000_000L);
    final Metrics metrics = new Metrics();
    final PiotMetrics m = PiotMetrics.register(metrics);
    final MeshMetrics mm = new MeshMetrics(m, clock);

    static byte[] envelope(String type, long n) {
        return EnvelopeCodec.encode(new Envelope(new UUID(0, n), type, "alpha", "bravo", 8, 1, 0, n, new byte[] {(byte) n}));
    }

    static Confirm confirmOf(long seq, byte[] env) {
        return new Confirm(seq, env.length, MessageHash.of(env));
    }

    @Test
    void messagesAreCountedByTypeInAndOutAndDataByItsEnvelopeType() {
        mm.onSent("bravo", new Hello(1));
        mm.onSent("bravo", new Data(1, 0, envelope("event", 1)));
        mm.onSent("bravo", new Data(2, 1, envelope("action", 2)));
        mm.onReceived("bravo", new Hello(5));
        mm.onReceived("bravo", new Data(1, 0, envelope("action-status", 1)));
        mm.onReceived("bravo", new Close(CloseReason.SHUTDOWN, "bye"));
        assertEquals(1, m.messagesOut().labels("hello").value());
        assertEquals(1, m.messagesOut().labels("event").value());
        assertEquals(1, m.messagesOut().labels("action").value());
        assertEquals(1, m.messagesIn().labels("hello").value());
        assertEquals(1, m.messagesIn().labels("action-status").value());
        assertEquals(1, m.messagesIn().labels("close").value());
        assertEquals(0, m.messagesIn().labels("event").value());
    }

    @Test
    void aResendIsARetransmissionAndTheConfirmationRoundTripStartsAtTheLastSend() {
        byte[] e1 = envelope("event", 1);
        mm.onSent("bravo", new Data(1, 0, e1));
        clock.advanceMillis(200);
        mm.onSent("bravo", new Data(1, 0, e1));
        assertEquals(1, m.retransmissions().labels("bravo").value());
        clock.advanceMillis(30);
        mm.onReceived("bravo", confirmOf(1, e1));
        assertEquals(1, m.confirmations().labels("bravo", "ok").value());
        assertEquals(0.030, mm.lastRttMillis("bravo") / 1000, 1e-9);
        assertEquals(1, m.confirmationRtt().labels("bravo").count());
        assertEquals(1, m.deliveryLatency().labels("event").count(), "first send to confirmation, once");
        assertTrue(metrics.render().contains("piot_delivery_latency_seconds_bucket{type=\"event\",le=\"0.25\"} 1\n"),
                "230 ms from the first send:\n" + metrics.render());
        assertTrue(metrics.render().contains("piot_delivery_latency_seconds_bucket{type=\"event\",le=\"0.1\"} 0\n"));
    }

    @Test
    void aConfirmationCoversEverySequenceUpToItsOwn() {
        byte[][] es = {null, envelope("event", 1), envelope("event", 2), envelope("action", 3)};
        for (int i = 1; i <= 3; i++) {
            mm.onSent("bravo", new Data(i, i - 1, es[i]));
        }
        mm.onReceived("bravo", confirmOf(2, es[2]));
        assertEquals(2, m.deliveryLatency().labels("event").count());
        assertEquals(0, m.deliveryLatency().labels("action").count());
        mm.onReceived("bravo", confirmOf(2, es[2]));
        assertEquals(1, m.confirmations().labels("bravo", "stale").value(), "seq 2 was already confirmed");
        mm.onReceived("bravo", confirmOf(3, es[3]));
        assertEquals(1, m.deliveryLatency().labels("action").count());
        assertEquals(2, m.confirmations().labels("bravo", "ok").value());
    }

    @Test
    void aConfirmationWithTheWrongHashIsAMismatchAndConfirmsNothing() {
        byte[] e1 = envelope("event", 1);
        mm.onSent("bravo", new Data(1, 0, e1));
        mm.onReceived("bravo", new Confirm(1, e1.length, MessageHash.of(e1) ^ 1));
        assertEquals(1, m.confirmations().labels("bravo", "mismatch").value());
        assertEquals(0, m.deliveryLatency().labels("event").count());
        mm.onReceived("bravo", confirmOf(1, e1));
        assertEquals(1, m.confirmations().labels("bravo", "ok").value());
    }

    @Test
    void aResendAfterAReconnectIsARetransmissionTimedFromTheFirstSend() {
        byte[] e1 = envelope("event", 1);
        mm.onSent("bravo", new Data(1, 0, e1));
        mm.onSessionDown("bravo", "connection lost");
        clock.advanceMillis(3_000);
        mm.onSessionUp("bravo");
        mm.onSent("bravo", new Data(1, 0, e1));
        assertEquals(1, m.retransmissions().labels("bravo").value());
        mm.onReceived("bravo", confirmOf(1, e1));
        assertTrue(metrics.render().contains("piot_delivery_latency_seconds_bucket{type=\"event\",le=\"2.5\"} 0\n"), "the outage counts");
        assertEquals(1, m.deliveryLatency().labels("event").count());
    }

    @Test
    void aCleanSlateSessionNumbersFromOneAgainAndItsMessagesAreNew() {
        mm.onSent("bravo", new Data(1, 0, envelope("event", 1)));
        byte[] other = envelope("action", 7);
        mm.onSent("bravo", new Data(1, 0, other));
        assertEquals(0, m.retransmissions().labels("bravo").value());
        mm.onReceived("bravo", confirmOf(1, other));
        assertEquals(1, m.deliveryLatency().labels("action").count());
        assertEquals(0, m.deliveryLatency().labels("event").count());
        assertTrue(Double.isNaN(mm.lastRttMillis("charlie")));
    }

    @Test
    void aPeerThatNeverConfirmsCannotGrowTheMirrorWithoutBound() {
        for (long s = 1; s <= MeshMetrics.MAX_TRACKED + 100; s++) {
            mm.onSent("bravo", new Data(s, s - 1, envelope("event", s)));
        }
        mm.onSent("bravo", new Data(1, 0, envelope("event", 1)));
        assertEquals(0, m.retransmissions().labels("bravo").value(), "the oldest were forgotten");
    }
}
