package piot.gateway.holding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import piot.gateway.mesh.LinkStore.Held;
import piot.time.ManualClock;

/**
 * The SQLite queue against a model (a deque per peer): random appends (single and concurrent
 * bursts), confirmations and restarts never lose an unconfirmed message, reorder or duplicate one.
 */
class HoldingQueuePropertyTest {
    sealed interface Op {}

    record Append(int peer, int size, int burst) implements Op {}

    record Confirm(int peer, int howMany) implements Op {}

    record Restart() implements Op {}

    private record Msg(long seq, byte[] bytes) {}

    private static final String[] PEERS = {"barn", "shed"};

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> append = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 64), Arbitraries.integers().between(1, 5))
                .as(Append::new);
        Arbitrary<Op> confirm = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 6)).as(Confirm::new);
        Arbitrary<Op> restart = Arbitraries.just(new Restart());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, append), net.jqwik.api.Tuple.of(3, confirm), net.jqwik.api.Tuple.of(1, restart))
                .list().ofMaxSize(30);
    }

    @Property(tries = 40)
    void theQueueBehavesLikeAPerPeerFifoThatSurvivesRestarts(@ForAll("ops") List<Op> ops) throws IOException {
        Path dir = Files.createTempDirectory("holding-prop");
        ManualClock clock = Stores.clock();
        HoldingConfig config = HoldingConfig.defaults().withGroupCommit(Duration.ofMillis(2));
        Map<String, Deque<Msg>> model = new HashMap<>();
        Map<String, Long> assigned = new HashMap<>();
        int counter = 0;
        NodeStore store = NodeStore.open(dir, config, clock);
        try {
            for (Op op : ops) {
                switch (op) {
                    case Append a -> {
                        String peer = PEERS[a.peer()];
                        List<CompletableFuture<Long>> futures = new ArrayList<>();
                        List<byte[]> payloads = new ArrayList<>();
                        for (int i = 0; i < a.burst(); i++) {
                            byte[] b = new byte[a.size() + 4];
                            java.nio.ByteBuffer.wrap(b).putInt(counter++);
                            payloads.add(b);
                            futures.add(store.linkStore().append(peer, b));
                        }
                        // Submitted together, they may share a transaction; the order of submission is the order of sequences.
                        for (int i = 0; i < futures.size(); i++) {
                            long seq = futures.get(i).join();
                            long expected = assigned.merge(peer, 1L, Long::sum);
                            assertEquals(expected, seq, "sequences are consecutive per peer");
                            model.computeIfAbsent(peer, p -> new ArrayDeque<>()).add(new Msg(seq, payloads.get(i)));
                        }
                    }
                    case Confirm c -> {
                        String peer = PEERS[c.peer()];
                        Deque<Msg> q = model.computeIfAbsent(peer, p -> new ArrayDeque<>());
                        if (c.howMany() > 0 && !q.isEmpty()) {
                            Msg last = null;
                            for (int i = 0; i < c.howMany() && !q.isEmpty(); i++) {
                                last = q.poll();
                            }
                            store.linkStore().confirm(peer, last.seq());
                        }
                    }
                    case Restart r -> {
                        store.close();
                        store = NodeStore.open(dir, config, clock);
                    }
                }
                check(store, model, assigned);
            }
        } finally {
            store.close();
            deleteTree(dir);
        }
    }

    private static void check(NodeStore store, Map<String, Deque<Msg>> model, Map<String, Long> assigned) {
        for (String peer : PEERS) {
            List<Msg> expected = new ArrayList<>(model.getOrDefault(peer, new ArrayDeque<>()));
            List<Held> actual = store.linkStore().pending(peer, 0, 10_000);
            assertEquals(expected.stream().map(Msg::seq).toList(), actual.stream().map(Held::seq).toList(), peer);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).bytes(), actual.get(i).message());
            }
            assertEquals(assigned.getOrDefault(peer, 0L), store.linkStore().lastAssigned(peer));
            assertEquals(expected.size(), store.stats().peer(peer).depth());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
