package piot.gateway.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy standing for one mesh link: the dialling side connects to it, it forwards
 * bytes both ways to the listening side. It plays two faults of a real network:
 * {@link #corruptNextChunk} flips one byte of the next chunk travelling towards the target, and
 * {@link #cut} breaks the link as a failed radio or unplugged cable would (open connections are
 * closed and new ones are closed as soon as they arrive, until {@link #restore}).
 */
public final class ByteProxy implements AutoCloseable {
    /** Connections accepted over the proxy's life at most, so the accept loop is bounded. */
    private static final int MAX_CONNECTIONS = 10_000;

    private final ServerSocket server;
    private final int targetPort;
    private final AtomicBoolean corruptNext = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public ByteProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void corruptNextChunk() {
        corruptNext.set(true);
    }

    public void cut() {
        cut = true;
        closeAll();
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        for (int accepted = 0; accepted < MAX_CONNECTIONS && !server.isClosed(); accepted++) {
            try {
                Socket in = server.accept();
                if (cut) {
                    in.close();
                    continue;
                }
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(in);
                sockets.add(out);
                Thread.ofVirtual().start(() -> pump(in, out, true));
                Thread.ofVirtual().start(() -> pump(out, in, false));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsTarget) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buf); n >= 0 && !cut; n = in.read(buf)) {
                if (towardsTarget && n > 0 && corruptNext.compareAndSet(true, false)) {
                    buf[n / 2] ^= 0x5A;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // One side went away (or the link was cut); closing both ends tells the other.
        } finally {
            close(from);
            close(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void closeAll() {
        sockets.forEach(ByteProxy::close);
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
    }
}
