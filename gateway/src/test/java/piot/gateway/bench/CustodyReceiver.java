package piot.gateway.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import piot.gateway.holding.Custody;
import piot.gateway.holding.SqliteLinkStore;
import piot.gateway.mesh.Delivery;
import piot.gateway.mesh.MessageHandler;

/**
 * The receiving application of the mesh benchmarks: takes custody of each run of messages in its
 * own store (dedupe marks + inbound watermark in one durable transaction) before returning, as the
 * gateway's router does ({@code NodeCore.onMessages}), and only then counts them. So a counted
 * message is on disk on both sides. Counts each message the first time custody of it returns.
 */
final class CustodyReceiver implements MessageHandler.Batching {
    private final SqliteLinkStore store;
    final Tally tally = new Tally();
    final AtomicLong redelivered = new AtomicLong();
    final AtomicLong runs = new AtomicLong();

    CustodyReceiver(SqliteLinkStore store) {
        this.store = store;
    }

    @Override
    public void onMessage(Delivery d) throws Exception {
        onMessages(List.of(d));
    }

    @Override
    public void onMessages(List<Delivery> run) throws Exception {
        List<SqliteLinkStore.Item> items = new ArrayList<>(run.size());
        for (Delivery d : run) {
            items.add(new SqliteLinkStore.Item(d.linkSeq(), d.envelope().source(), d.envelope().sourceSeq(), List.of()));
        }
        List<Custody> cs = store.custodyRun(run.getFirst().peer(), items).get();
        runs.incrementAndGet();
        for (int i = 0; i < cs.size(); i++) {
            long seq = run.get(i).envelope().sourceSeq();
            if (cs.get(i).accepted() || !tally.seen(seq)) {
                // Not accepted yet unseen: an earlier custody of it committed, but its handler's wait was
                // interrupted (the node closing) before it could count it; it is durable here all the same.
                tally.record(seq);
            } else {
                redelivered.incrementAndGet();
            }
        }
    }
}
