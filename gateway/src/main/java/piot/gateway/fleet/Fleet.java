package piot.gateway.fleet;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One gateway's part in the fleet: it pushes files to other nodes (sender side, with a
 * flow-control window per node) and receives theirs ({@link FileReceiver}), handing verified
 * configs and releases to an {@link Applier}. A Fleet outlives the gateway's runtime: a config
 * reload swaps the mesh under it ({@link #attach}) and transfers carry on. Sender state is in
 * memory: chunks already handed to the mesh are durable in holding, but a sender restart forgets
 * progress reports and stops feeding windows (the operator pushes again; the receiver keeps what
 * it has and answers from disk).
 */
public final class Fleet implements FleetPort.Handler {
    private static final System.Logger LOG = System.getLogger(Fleet.class.getName());

    /** Applies a verified config or release; runs on its own thread and ends with {@link #report}. */
    @FunctionalInterface
    public interface Applier {
        void apply(FileReceiver.Complete file);
    }

    /** One node's view of one transfer, for the API and the CLI. */
    public record NodeProgress(String node, int received, int count, FleetMessage.State state, String detail) {}

    /** A transfer this node started. */
    public record TransferView(String id, String kind, String name, long size, String sha256, long startedWallMillis,
                               List<NodeProgress> nodes) {}

    private static final long REPORT_WAIT_NANOS = 600_000_000_000L;

    private final String self;
    private final FileReceiver receiver;
    private final LongSupplier wallMillis;
    private final Map<String, Transfer> sent = new LinkedHashMap<>();
    private volatile Applier applier;
    private volatile FleetPort port;

    public Fleet(String self, Path dir, Optional<X509Certificate> ca, LongSupplier wallMillis) {
        this.self = self;
        this.receiver = new FileReceiver(dir, ca);
        this.wallMillis = wallMillis;
    }

    public void applier(Applier a) {
        this.applier = a;
    }

    /** The mesh to send through from now on (a new one after each reload). */
    public void attach(FleetPort p) {
        this.port = p;
    }

    public String self() {
        return self;
    }

    /**
     * Starts sending {@code content} to {@code targets} (node names, never this node) and returns
     * the transfer id. Nodes without a route yet get their chunks held for them.
     */
    public String push(FleetMessage.Kind kind, String name, byte[] content, byte[] signature, List<String> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target nodes");
        }
        if (targets.contains(self)) {
            throw new IllegalArgumentException("cannot push to this node itself (" + self + "); reload it locally (systemctl reload piot)");
        }
        String id = UUID.randomUUID().toString();
        List<Outbound> out = new ArrayList<>();
        synchronized (this) {
            Transfer t = new Transfer(id, kind, name, content, signature, targets, wallMillis.getAsLong());
            sent.put(id, t);
            targets.forEach(n -> out.addAll(t.next(n)));
        }
        LOG.log(Level.INFO, "pushing {0} {1} ({2} bytes) to {3} as {4}", kind.wire(), name, content.length, targets, id);
        send(out);
        return id;
    }

    /** Transfers this node started, oldest first. */
    public synchronized List<TransferView> transfers() {
        return sent.values().stream().map(this::view).toList();
    }

    public synchronized Optional<TransferView> transfer(String id) {
        return Optional.ofNullable(sent.get(id)).map(this::view);
    }

    private TransferView view(Transfer t) {
        List<NodeProgress> nodes = new ArrayList<>();
        t.nodes.forEach((n, p) -> nodes.add(new NodeProgress(n, p.received, t.count, p.state, p.detail)));
        return new TransferView(t.id, t.kind.wire(), t.name, t.content.length, t.sha256, t.startedWallMillis, nodes);
    }

    @Override
    public List<Outbound> onFleet(String source, FleetMessage message) {
        return switch (message) {
            case FleetMessage.Chunk c -> {
                FileReceiver.Outcome o = receiver.onChunk(source, c, wallMillis.getAsLong());
                o.complete().ifPresent(this::startApply);
                yield o.replies();
            }
            case FleetMessage.Status s -> onStatus(source, s);
        };
    }

    private synchronized List<Outbound> onStatus(String node, FleetMessage.Status s) {
        Transfer t = sent.get(s.transfer());
        Transfer.Progress p = t == null ? null : t.nodes.get(node);
        if (p == null) {
            LOG.log(Level.DEBUG, "status of unknown transfer {0} from {1}", s.transfer(), node);
            return List.of();
        }
        // Statuses travel in order per source, but never let a late "receiving" undo a final state.
        if (p.state.isFinal() && !s.state().isFinal()) {
            return List.of();
        }
        p.received = Math.min(t.count, Math.max(p.received, s.received()));
        p.state = s.state();
        p.detail = s.detail();
        return s.state() == FleetMessage.State.RECEIVING ? t.next(node) : List.of();
    }

    /** Applies off the router thread: applying restarts the runtime, whose close waits for that thread. */
    private void startApply(FileReceiver.Complete file) {
        Applier a = applier;
        Thread.ofVirtual().name("fleet-apply-" + file.transfer()).start(() -> {
            try {
                if (a == null) {
                    report(file, FleetMessage.State.REFUSED, "this node does not apply " + file.kind().wire() + " files");
                } else {
                    a.apply(file);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "applying " + file.name() + " failed", e);
                report(file, FleetMessage.State.FAILED, "apply failed: " + e.getMessage());
            }
        });
    }

    /** Records the outcome of applying {@code file} and tells the node that pushed it. */
    public void report(FileReceiver.Complete file, FleetMessage.State state, String detail) {
        LOG.log(Level.INFO, "{0} {1} from {2}: {3} ({4})", file.kind().wire(), file.name(), file.origin(), state.wire(), detail);
        receiver.record(file.transfer(), state, detail);
        List<Outbound> out = List.of(new Outbound(file.origin(), new FleetMessage.Status(file.transfer(), Integer.MAX_VALUE, state, detail)));
        // Right after an in-process restart this node has no route to anyone yet, and a message
        // without a next hop would be dropped: wait (bounded) for the sender to be reachable.
        long end = System.nanoTime() + REPORT_WAIT_NANOS;
        while (System.nanoTime() - end < 0) {
            FleetPort p = port;
            if (p != null && p.reachable(file.origin())) {
                break;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L); // reachability poll interval
        }
        send(out);
    }

    private void send(List<Outbound> out) {
        FleetPort p = port;
        if (out.isEmpty()) {
            return;
        }
        if (p == null) {
            throw new IllegalStateException(self + " has no mesh to send through");
        }
        p.send(out);
    }
}
