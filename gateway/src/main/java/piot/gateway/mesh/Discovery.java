package piot.gateway.mesh;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.util.HashMap;
import java.util.Map;
import piot.gateway.mesh.codec.Advert;
import piot.gateway.mesh.codec.AdvertCodec;
import piot.gateway.mesh.codec.Decoded;

/**
 * UDP adverts, sent every interval to the configured targets and read from the discovery port.
 * An advert is only a hint: it adds or updates a link, and nothing is trusted until that link's
 * TLS handshake proves the name. Each source address may cost us at most
 * {@code maxPerSourcePerSecond} adverts per second; malformed ones are dropped and counted.
 */
final class Discovery implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Discovery.class.getName());
    private static final int MAX_TRACKED_SOURCES = 1024;

    private final MeshNode node;
    private final DiscoverySettings settings;
    private final DatagramSocket socket;
    private final Map<InetAddress, long[]> budget = new HashMap<>();
    private volatile boolean closed;
    private Thread sender;
    private Thread receiver;

    private Discovery(MeshNode node) throws IOException {
        this.node = node;
        this.settings = node.settings().discovery();
        this.socket = new DatagramSocket(null);
        // Several gateways on one host share the discovery port: each socket gets every broadcast.
        socket.setReuseAddress(true);
        if (socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        socket.setBroadcast(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(settings.bindHost()), settings.port()));
    }

    static Discovery start(MeshNode node) throws IOException {
        Discovery d = new Discovery(node);
        d.sender = Thread.ofVirtual().name("mesh-advertise-" + node.name()).start(d::sendLoop);
        d.receiver = Thread.ofVirtual().name("mesh-discover-" + node.name()).start(d::receiveLoop);
        return d;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void sendLoop() {
        byte[] advert = AdvertCodec.encode(new Advert(node.settings().network(), node.name(), node.port(), Connector.MAX_VERSION));
        for (long n = 0; n < Long.MAX_VALUE && !closed; n++) {
            for (SocketAddress target : settings.targets()) {
                try {
                    socket.send(new DatagramPacket(advert, advert.length, target));
                    node.stats().add("adverts_sent");
                } catch (IOException e) {
                    LOG.log(Level.DEBUG, node.name() + ": advert to " + target + " failed: " + e);
                }
            }
            try {
                Thread.sleep(settings.interval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void receiveLoop() {
        byte[] buf = new byte[600];
        for (long n = 0; n < Long.MAX_VALUE && !closed; n++) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, node.name() + ": discovery socket failed: " + e);
                }
                return;
            }
            if (!withinBudget(p.getAddress())) {
                node.stats().add("adverts_rate_limited");
                continue;
            }
            byte[] bytes = java.util.Arrays.copyOf(p.getData(), p.getLength());
            switch (AdvertCodec.decode(bytes)) {
                case Decoded.Bad<Advert> bad -> {
                    node.stats().add("adverts_malformed");
                    LOG.log(Level.DEBUG, node.name() + ": malformed advert from " + p.getSocketAddress() + ": " + bad.reason());
                }
                case Decoded.Ok<Advert> ok -> onAdvert(ok.value(), p.getAddress());
            }
        }
    }

    private void onAdvert(Advert a, InetAddress from) {
        if (!a.network().equals(node.settings().network())) {
            node.stats().add("adverts_foreign");
            return;
        }
        if (a.node().equals(node.name())) {
            return;
        }
        node.stats().add("adverts_accepted");
        if (node.links().learn(new Link(a.node(), from.getHostAddress(), a.port(), true, Link.Source.DISCOVERY))) {
            LOG.log(Level.INFO, node.name() + ": discovered " + a.node() + " at " + from.getHostAddress() + ":" + a.port());
        }
    }

    /** A fixed one-second window per source; the receiver thread alone uses the map. */
    private boolean withinBudget(InetAddress source) {
        long second = node.clock().nanoTime() / 1_000_000_000L;
        if (budget.size() > MAX_TRACKED_SOURCES) {
            budget.clear();
        }
        long[] b = budget.computeIfAbsent(source, s -> new long[] {second, 0});
        if (b[0] != second) {
            b[0] = second;
            b[1] = 0;
        }
        return ++b[1] <= settings.maxPerSourcePerSecond();
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        if (sender != null) {
            sender.interrupt();
        }
    }
}
