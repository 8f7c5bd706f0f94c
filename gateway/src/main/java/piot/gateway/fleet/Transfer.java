package piot.gateway.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender's side of one file pushed to some nodes: the file, and per node how many chunks the
 * node has stored, how many were sent and its state. Guarded by the owning {@link Fleet}'s lock.
 */
final class Transfer {
    /** Chunks in flight beyond what a node has confirmed storing: the flow-control window. */
    static final int WINDOW = 8;

    final String id;
    final FleetMessage.Kind kind;
    final String name;
    final byte[] content;
    final byte[] signature;
    final String sha256;
    final int count;
    final long startedWallMillis;
    final Map<String, Progress> nodes = new LinkedHashMap<>();

    static final class Progress {
        int sent;
        int received;
        FleetMessage.State state = FleetMessage.State.PENDING;
        String detail = "";
    }

    Transfer(String id, FleetMessage.Kind kind, String name, byte[] content, byte[] signature, List<String> targets, long nowWall) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.content = content;
        this.signature = signature;
        this.sha256 = Hashes.sha256(content);
        this.count = Math.max(1, (content.length + FleetCodec.CHUNK_BYTES - 1) / FleetCodec.CHUNK_BYTES);
        this.startedWallMillis = nowWall;
        targets.forEach(t -> nodes.put(t, new Progress()));
    }

    FleetMessage.Chunk chunk(int index) {
        int from = index * FleetCodec.CHUNK_BYTES;
        int to = Math.min(content.length, from + FleetCodec.CHUNK_BYTES);
        return new FleetMessage.Chunk(id, kind, name, content.length, sha256, index, count,
                java.util.Arrays.copyOfRange(content, from, to), signature);
    }

    /** The chunks {@code node} may be sent now: up to {@link #WINDOW} beyond what it confirmed. */
    List<Outbound> next(String node) {
        Progress p = nodes.get(node);
        List<Outbound> out = new java.util.ArrayList<>();
        while (p.sent < count && p.sent < p.received + WINDOW) {
            out.add(new Outbound(node, chunk(p.sent++)));
        }
        return out;
    }
}
