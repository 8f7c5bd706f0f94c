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
 * A loopback TCP proxy under TLS: forwards bytes both ways and, on request, flips one byte of the
 * next chunk travelling towards the target, as a faulty network would.
 */
final class ByteProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicBoolean corruptNext = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    ByteProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void corruptNextChunk() {
        corruptNext.set(true);
    }

    private void acceptLoop() {
        for (int n = 0; n < 10_000; n++) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(in);
                sockets.add(out);
                Thread.ofVirtual().start(() -> pump(in, out, true));
                Thread.ofVirtual().start(() -> pump(out, in, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsTarget) {
        byte[] buf = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (towardsTarget && n > 0 && corruptNext.compareAndSet(true, false)) {
                    buf[n / 2] ^= 0x5A;
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // One side went away; closing both ends below tells the other.
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
