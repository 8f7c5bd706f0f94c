package piot.gateway.mesh;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** Writes whole frames to a socket; one frame at a time even when several threads write. */
class FrameOut {
    private final Socket socket;
    private final OutputStream out;

    FrameOut(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    void write(byte[] frame) throws IOException {
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    /** Closes abruptly: no CLOSE frame, the peer sees the connection drop. */
    void cut() {
        cut(socket);
    }

    static void cut(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            System.getLogger(FrameOut.class.getName()).log(System.Logger.Level.DEBUG, "closing a cut socket: " + e);
        }
    }
}
