package piot.gateway.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import piot.gateway.holding.Custody;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.mesh.Delivery;
import piot.gateway.mesh.MessageHandler;

/**
 * The receiving application of the mesh benchmarks: takes custody of each message in its own
 * store (dedupe mark + inbound watermark in one durable transaction) before returning, as the
 * gateway's router does, and only then counts it. So a counted message is on disk on both sides.
 */
final class CustodyReceiver implements MessageHandler {
    private final SqliteLinkStore store;
    final Tally tally = new Tally();
    final AtomicLong redelivered = new AtomicLong();

    CustodyReceiver(SqliteLinkStore store) {
        this.store = store;
    }

    @Override
    public void onMessage(Delivery d) throws Exception {
        Custody c = store.custody(d.peer(), d.linkSeq(), d.envelope().source(), d.envelope().sourceSeq(), List.of()).get();
        if (c.accepted()) {
            tally.record(d.envelope().sourceSeq());
        } else {
            redelivered.incrementAndGet();
        }
    }
}
