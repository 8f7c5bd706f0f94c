package piot.gateway.mesh;

import javax.net.ssl.SSLSocket;
import piot.gateway.mesh.codec.Handshake;

/**
 * An authenticated, handshaken connection, not yet a session. {@code dialer} is the node that
 * opened the TCP connection (used by the duplicate-session tie-break).
 */
record Connection(SSLSocket socket, String peer, String dialer, Handshake mine, Handshake theirs,
                  FrameReader reader, FrameOut out, String remote) {}
