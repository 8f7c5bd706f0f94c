package piot.gateway.mesh;

import java.io.IOException;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link FrameOut} with the seeded faults of a {@link FaultPlan}. Driven by the writer's thread
 * only (the session owner), so the random sequence is reproducible for a given seed and traffic.
 */
final class FaultyFrameOut extends FrameOut {
    private final FaultPlan plan;
    private final Random random;
    private final MeshStats stats;
    private byte[] heldBack;

    FaultyFrameOut(Socket socket, FaultPlan plan, long salt, MeshStats stats) throws IOException {
        super(socket);
        this.plan = plan;
        this.random = new Random(plan.seed() ^ salt);
        this.stats = stats;
    }

    @Override
    void write(byte[] frame) throws IOException {
        double roll = random.nextDouble();
        double p = plan.cut();
        if (roll < p) {
            stats.add("faults_cut");
            cut();
            throw new IOException("connection cut by fault injection");
        }
        if (roll < (p += plan.drop())) {
            stats.add("faults_dropped");
            return;
        }
        if (roll < (p += plan.corrupt())) {
            stats.add("faults_corrupted");
            byte[] bad = frame.clone();
            bad[random.nextInt(bad.length)] ^= (byte) (1 + random.nextInt(255));
            send(bad);
            return;
        }
        if (roll < (p += plan.duplicate())) {
            stats.add("faults_duplicated");
            send(frame);
            send(frame);
            return;
        }
        if (roll < (p += plan.reorder())) {
            if (heldBack == null) {
                stats.add("faults_reordered");
                heldBack = frame;
                return;
            }
        } else if (roll < p + plan.delay()) {
            stats.add("faults_delayed");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt((int) Math.min(plan.maxDelay().toMillis(), 60_000))));
        }
        send(frame);
    }

    private void send(byte[] frame) throws IOException {
        super.write(frame);
        if (heldBack != null) {
            byte[] late = heldBack;
            heldBack = null;
            super.write(late);
        }
    }
}
