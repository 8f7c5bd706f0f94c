package piot.gateway.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import piot.gateway.mesh.codec.Envelope;
import piot.gateway.router.RouterCodec;
import piot.gateway.router.RouterMessage;
import piot.time.ManualClock;

class DeliveryLedgerTest {
    private final ManualClock clock = new ManualClock(0, 1_790_000_000_000L);

    private static Envelope event(long seq) {
        var e = new RouterMessage.EventMessage("air", "temperature", 21.5, "C", 0, false, java.util.Optional.empty());
        return new Envelope(UUID.randomUUID(), "event", "n1", "n3", 16, 0, 0, seq, RouterCodec.encode(e));
    }

    @Test
    void writesOneSpaceSeparatedLinePerFact() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DeliveryLedger l = new DeliveryLedger("n1", out, clock);
        l.produced(event(5));
        l.delivered(event(6), "n2");
        var a = new RouterMessage.ActionRequest("id-1", "n1", "n4", "valve", "switch", "on", 1_790_000_005_000L);
        l.requested(a);
        l.executed(a);
        var done = a.status(RouterMessage.ActionStatus.Status.COMPLETED, "", 1_790_000_001_000L);
        l.inbound(new Envelope(UUID.randomUUID(), "action-status", "n4", "n1", 16, 0, 0, 9, RouterCodec.encode(done)), "n2");
        l.finalStatus(done);
        assertEquals(List.of(
                "1790000000000 n1 produced n3 5 air/temperature",
                "1790000000000 n1 delivered n1 6 n2",
                "1790000000000 n1 requested id-1 n4 valve 1790000005000",
                "1790000000000 n1 executed id-1 n1 valve 1790000005000",
                "1790000000000 n1 status id-1 completed",
                "1790000000000 n1 final id-1 completed"), out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aFailingWriteSwitchesTheLedgerOffInsteadOfFailingTheGateway() {
        int[] writes = {0};
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writes[0]++;
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                write(0);
            }
        };
        DeliveryLedger l = new DeliveryLedger("n1", broken, clock);
        l.produced(event(1));
        l.produced(event(2));
        assertEquals(1, writes[0]);
    }

    @Test
    void isOffWithoutTheProperty() {
        System.clearProperty(DeliveryLedger.PROPERTY);
        DeliveryLedger before = DeliveryLedger.get();
        DeliveryLedger.openFromProperty("n1", clock);
        assertEquals(before, DeliveryLedger.get());
    }
}
