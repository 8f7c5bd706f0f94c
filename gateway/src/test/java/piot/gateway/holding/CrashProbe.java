package piot.gateway.holding;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import piot.gateway.mesh.LinkStore.Held;
import piot.time.Clock;

/**
 * The process {@link HoldingCrashIT} kills: producers append to peer "barn" as fast as the store
 * acknowledges, and a consumer confirms older messages now and then. A line is printed only after
 * the store completed the write, and ends in " END" so a line torn by SIGKILL is recognisable.
 * It stops by itself after 60 s, in case its parent died.
 *
 * <p>Usage: {@code CrashProbe DATA_DIR RUN_ID}
 */
public final class CrashProbe {
    static final String PEER = "barn";

    private CrashProbe() {}

    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(args[0]);
        String run = args[1];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        NodeStore store = NodeStore.open(dir, HoldingConfig.defaults(), Clock.system());
        SqliteLinkStore q = store.linkStore();
        out.println("READY END");
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String prefix = "r" + run + "-t" + t + "-";
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 1_000_000 && System.nanoTime() < deadline; i++) {
                    String payload = prefix + i;
                    long seq = q.append(PEER, payload.getBytes(StandardCharsets.UTF_8)).join();
                    synchronized (out) {
                        out.println("ACK " + seq + " " + payload + " END");
                    }
                }
            }));
        }
        threads.add(Thread.ofPlatform().start(() -> {
            while (System.nanoTime() < deadline) {
                List<Held> held = q.pending(PEER, 0, 60);
                if (held.size() == 60) {
                    long upTo = held.get(29).seq();
                    q.confirm(PEER, upTo);
                    synchronized (out) {
                        out.println("CONFIRMED " + upTo + " END");
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }));
        for (Thread t : threads) {
            t.join();
        }
        store.close();
        System.exit(0);
    }
}
