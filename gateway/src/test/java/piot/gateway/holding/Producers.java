package piot.gateway.holding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Concurrent producers that each append and wait for the acknowledgement, as a sampler would. */
final class Producers {
    private Producers() {}

    /** Runs {@code producers} threads appending {@code each} messages to {@code peer}; returns all acknowledged seqs. */
    static List<Long> run(SqliteLinkStore q, String peer, int producers, int each, int size) throws InterruptedException {
        ConcurrentLinkedQueue<Long> acked = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int id = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    byte[] m = new byte[size];
                    java.nio.ByteBuffer.wrap(m).putInt(id).putInt(i);
                    acked.add(q.append(peer, m).join());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return new ArrayList<>(acked);
    }
}
