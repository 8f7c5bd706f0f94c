package piot.gateway.mesh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import piot.gateway.mesh.codec.Close;
import piot.gateway.mesh.codec.CloseReason;
import piot.gateway.mesh.codec.Decoded;
import piot.gateway.mesh.codec.FrameResult;
import piot.gateway.mesh.codec.Handshake;
import piot.gateway.mesh.codec.MessageCodec;
import piot.gateway.mesh.pki.Names;
import piot.gateway.mesh.pki.TlsContexts;

/**
 * Turns a TCP connection into an authenticated {@link Connection}: TLS 1.3 with mutual
 * authentication against the network CA, then the HANDSHAKE exchange, where the peer's claimed
 * name must equal its certificate's CN and its network ours. Runs on the connection's own
 * (virtual) thread with blocking I/O bounded by the handshake timeout.
 */
final class Connector {
    static final int MIN_VERSION = 1;
    static final int MAX_VERSION = 1;
    static final List<String> CAPABILITIES = List.of("confirm-sha256-8", "prev-seq");

    private final MeshSettings settings;
    private final SSLContext tls;
    private final LinkStore store;
    private final LinkRegistry links;
    private final int listenPort;

    Connector(MeshSettings settings, SSLContext tls, LinkStore store, LinkRegistry links, int listenPort) {
        this.settings = settings;
        this.tls = tls;
        this.store = store;
        this.links = links;
        this.listenPort = listenPort;
    }

    /** Either a connection or why there is none. */
    sealed interface Outcome {
        record Connected(Connection connection) implements Outcome {}

        record Refused(CloseReason reason, String detail) implements Outcome {
            /** The short label this refusal is counted under (see {@link Refusal#kind()}). */
            String kind() {
                if (reason != CloseReason.DENIED) {
                    return reason.name().toLowerCase(java.util.Locale.ROOT);
                }
                String d = detail.toLowerCase(java.util.Locale.ROOT);
                if (d.contains("deny list")) {
                    return "revoked";
                }
                if (d.contains("validity") || d.contains("expired") || d.contains("not yet valid")) {
                    return "expired";
                }
                if (d.contains("empty client certificate") || d.contains("no certificate")) {
                    return "no_certificate";
                }
                if (d.contains("pkix") || d.contains("certification path")) {
                    return "untrusted";
                }
                return "tls";
            }
        }
    }

    Outcome dial(Link link) {
        SSLSocket s = null;
        try {
            s = (SSLSocket) tls.getSocketFactory().createSocket();
            s.connect(new InetSocketAddress(link.host(), link.port()), timeoutMillis());
            return handshake(s, link.peer(), true);
        } catch (IOException e) {
            closeQuietly(s);
            return new Outcome.Refused(CloseReason.CONNECTION_LOST, "cannot connect to " + link.address() + ": " + rootMessage(e));
        }
    }

    Outcome accept(SSLSocket s) {
        return handshake(s, null, false);
    }

    private Outcome handshake(SSLSocket s, String expectedPeer, boolean dialed) {
        // The socket timeout bounds each read; the deadline bounds the whole exchange, so a peer
        // that drips one byte just inside every read timeout (a slow-loris) is still cut off.
        try (HandshakeDeadline deadline = HandshakeDeadline.start(s, settings.tuning().handshakeTimeout())) {
            Outcome o = handshakeWithin(s, expectedPeer, dialed);
            deadline.close();
            if (deadline.expired()) {
                closeQuietly(s);
                return new Outcome.Refused(CloseReason.HANDSHAKE_TIMEOUT, "handshake not finished within " + timeoutMillis() + " ms");
            }
            return o;
        }
    }

    private Outcome handshakeWithin(SSLSocket s, String expectedPeer, boolean dialed) {
        try {
            s.setEnabledProtocols(new String[] {TlsContexts.PROTOCOL});
            s.setNeedClientAuth(true);
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMillis());
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            String peer = Names.commonName(cert);
            if (expectedPeer != null && !expectedPeer.equals(peer)) {
                return refuse(s, null, CloseReason.UNEXPECTED_PEER, "dialled " + expectedPeer + " but the certificate is for " + peer);
            }
            if (peer.equals(settings.nodeName())) {
                return refuse(s, null, CloseReason.NAME_MISMATCH, "peer presents our own name " + peer);
            }
            FrameOut out = new FrameOut(s);
            FrameReader reader = new FrameReader(s.getInputStream(), settings.tuning().maxFramePayload());
            boolean inherit = links.get(peer).map(Link::inheritState).orElse(true);
            Handshake mine = new Handshake(MIN_VERSION, MAX_VERSION, settings.nodeName(), settings.network(), listenPort,
                    CAPABILITIES, inherit, store.inboundWatermark(peer), store.lastAssigned(peer));
            out.write(MessageCodec.encode(mine));
            FrameResult r = reader.next();
            if (!(r instanceof FrameResult.Complete c)) {
                String why = ((FrameResult.Malformed) r).reason();
                return refuse(s, out, why.contains("exceeds") ? CloseReason.FRAME_TOO_LARGE : CloseReason.PROTOCOL_ERROR, why);
            }
            Decoded<?> d = MessageCodec.decode(c.frame());
            if (!(d instanceof Decoded.Ok<?> ok) || !(ok.value() instanceof Handshake theirs)) {
                String why = d instanceof Decoded.Bad<?> bad ? bad.reason() : "first frame is not a handshake";
                return refuse(s, out, CloseReason.PROTOCOL_ERROR, "bad handshake from " + peer + ": " + why);
            }
            if (!theirs.node().equals(peer)) {
                return refuse(s, out, CloseReason.NAME_MISMATCH, "certificate is for " + peer + " but the handshake claims " + theirs.node());
            }
            if (!theirs.network().equals(settings.network())) {
                return refuse(s, out, CloseReason.WRONG_NETWORK, peer + " is in network " + theirs.network() + ", not " + settings.network());
            }
            if (theirs.maxVersion() < MIN_VERSION || theirs.minVersion() > MAX_VERSION) {
                return refuse(s, out, CloseReason.UNSUPPORTED_VERSION, peer + " speaks versions " + theirs.minVersion() + ".." + theirs.maxVersion());
            }
            s.setSoTimeout(0);
            String remote = s.getInetAddress().getHostAddress() + ":" + s.getPort();
            return new Outcome.Connected(new Connection(s, peer, dialed ? settings.nodeName() : peer, mine, theirs, reader, out, remote));
        } catch (SocketTimeoutException e) {
            closeQuietly(s);
            return new Outcome.Refused(CloseReason.HANDSHAKE_TIMEOUT, "no handshake within " + timeoutMillis() + " ms");
        } catch (SSLException e) {
            closeQuietly(s);
            return new Outcome.Refused(CloseReason.DENIED, "TLS refused: " + rootMessage(e));
        } catch (IOException e) {
            closeQuietly(s);
            return new Outcome.Refused(CloseReason.CONNECTION_LOST, "connection failed during handshake: " + rootMessage(e));
        }
    }

    private static Outcome refuse(SSLSocket s, FrameOut out, CloseReason reason, String detail) {
        if (out != null) {
            try {
                out.write(MessageCodec.encode(new Close(reason, detail)));
            } catch (IOException e) {
                // The peer is already gone; the refusal is still logged by the caller.
            }
        }
        closeQuietly(s);
        return new Outcome.Refused(reason, detail);
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.tuning().handshakeTimeout().toMillis());
    }

    static String rootMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && (sb.isEmpty() || !sb.toString().contains(c.getMessage()))) {
                if (!sb.isEmpty()) {
                    sb.append(": ");
                }
                sb.append(c.getMessage());
            }
        }
        return sb.isEmpty() ? t.getClass().getSimpleName() : sb.toString();
    }

    static void closeQuietly(java.io.Closeable s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                System.getLogger(Connector.class.getName()).log(System.Logger.Level.DEBUG, "close failed: " + e);
            }
        }
    }
}
