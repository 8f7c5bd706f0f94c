package piot.gateway.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The receiving side of file transfers, on disk under {@code DIR/incoming/TRANSFER/}: one file per
 * chunk ({@code 00000}, …), the file's description ({@code meta}) and, once decided, its state
 * ({@code state}: one line {@code STATE<TAB>DETAIL}). A receiver restarted mid-transfer finds the
 * chunks it had; a chunk resent after a broken link is answered from what is on disk. A complete
 * file is checked (size, SHA-256, signature against the network CA) before it is moved to
 * {@code DIR/inbox/NAME}. Used on the router thread only.
 */
public final class FileReceiver {
    /** A complete, verified file. */
    public record Complete(String transfer, String origin, FleetMessage.Kind kind, String name, Path file, String signer) {}

    /** What one chunk led to: replies for the sender and, at most once per transfer, a complete file. */
    record Outcome(List<Outbound> replies, Optional<Complete> complete) {}

    private final Path incoming;
    private final Path inbox;
    private final Optional<X509Certificate> ca;

    FileReceiver(Path dir, Optional<X509Certificate> ca) {
        this.incoming = dir.resolve("incoming");
        this.inbox = dir.resolve("inbox");
        this.ca = ca;
    }

    Outcome onChunk(String origin, FleetMessage.Chunk c, long nowWallMillis) {
        Path t = incoming.resolve(c.transfer());
        try {
            Optional<String[]> decided = state(c.transfer());
            if (decided.isPresent()) {
                return new Outcome(List.of(status(origin, c, c.count(), decided.get()[0], decided.get()[1])), Optional.empty());
            }
            Files.createDirectories(t);
            Path meta = t.resolve("meta");
            String description = String.join("\t", c.kind().wire(), c.name(), Long.toString(c.size()), c.sha256(),
                    Integer.toString(c.count()), origin);
            if (!Files.exists(meta)) {
                write(meta, description);
            } else if (!Files.readString(meta).equals(description)) {
                return decide(origin, c, FleetMessage.State.REFUSED, "chunks of transfer " + c.transfer() + " disagree about the file");
            }
            Path part = t.resolve("%05d".formatted(c.index()));
            if (!Files.exists(part)) {
                Path tmp = t.resolve(part.getFileName() + ".tmp");
                Files.write(tmp, c.data());
                Files.move(tmp, part, StandardCopyOption.ATOMIC_MOVE);
            }
            int have = stored(t);
            if (have < c.count()) {
                return new Outcome(List.of(new Outbound(origin, new FleetMessage.Status(c.transfer(), have,
                        FleetMessage.State.RECEIVING, have + "/" + c.count()))), Optional.empty());
            }
            return assemble(origin, c, t, nowWallMillis);
        } catch (IOException e) {
            // Not decided: the sender's resend (or the next chunk) tries again once the disk is back.
            return new Outcome(List.of(new Outbound(origin, new FleetMessage.Status(c.transfer(), 0,
                    FleetMessage.State.RECEIVING, "cannot store the chunk: " + e.getMessage()))), Optional.empty());
        }
    }

    private Outcome assemble(String origin, FleetMessage.Chunk c, Path t, long nowWallMillis) throws IOException {
        Path whole = t.resolve("file");
        try (var out = Files.newOutputStream(whole)) {
            for (int i = 0; i < c.count(); i++) {
                out.write(Files.readAllBytes(t.resolve("%05d".formatted(i))));
            }
        }
        byte[] content = Files.readAllBytes(whole);
        if (content.length != c.size() || !Hashes.sha256(content).equals(c.sha256())) {
            return decide(origin, c, FleetMessage.State.REFUSED, "hash mismatch: the file that arrived is not the file that was sent");
        }
        if (ca.isEmpty()) {
            return decide(origin, c, FleetMessage.State.REFUSED, "this node has no network CA to check signatures against");
        }
        String signer;
        switch (Signatures.verify(content, c.signature(), ca.get(), nowWallMillis)) {
            case Signatures.Verdict.Refused r -> {
                return decide(origin, c, FleetMessage.State.REFUSED, r.reason());
            }
            case Signatures.Verdict.Trusted ok -> signer = ok.signer();
        }
        Files.createDirectories(inbox);
        Path target = inbox.resolve(c.name());
        Files.copy(whole, target, StandardCopyOption.REPLACE_EXISTING);
        Files.write(inbox.resolve(c.name() + ".sig"), c.signature());
        Complete done = new Complete(c.transfer(), origin, c.kind(), c.name(), target, signer);
        if (c.kind() == FleetMessage.Kind.FILE) {
            return decide(origin, c, FleetMessage.State.RECEIVED, "stored as " + target + ", signed by " + signer);
        }
        Outcome o = decide(origin, c, FleetMessage.State.APPLYING, "verified, signed by " + signer);
        return new Outcome(o.replies(), Optional.of(done));
    }

    /** Records the transfer's state (so resent chunks get the same answer) and answers the sender. */
    Outcome decide(String origin, FleetMessage.Chunk c, FleetMessage.State s, String detail) {
        record(c.transfer(), s, detail);
        return new Outcome(List.of(status(origin, c, c.count(), s.wire(), detail)), Optional.empty());
    }

    void record(String transfer, FleetMessage.State s, String detail) {
        try {
            Path t = incoming.resolve(transfer);
            Files.createDirectories(t);
            write(t.resolve("state"), s.wire() + "\t" + detail.replace('\n', ' '));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the state of transfer " + transfer, e);
        }
    }

    /** The recorded state of {@code transfer}: {@code [state, detail]}. */
    Optional<String[]> state(String transfer) throws IOException {
        Path s = incoming.resolve(transfer).resolve("state");
        if (!Files.exists(s)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(s).split("\t", 2);
        return Optional.of(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
    }

    private static Outbound status(String origin, FleetMessage.Chunk c, int received, String state, String detail) {
        return new Outbound(origin, new FleetMessage.Status(c.transfer(), received, FleetMessage.State.fromWire(state), detail));
    }

    private static int stored(Path t) throws IOException {
        try (var s = Files.list(t)) {
            return (int) s.filter(p -> p.getFileName().toString().matches("\\d{5}")).count();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
