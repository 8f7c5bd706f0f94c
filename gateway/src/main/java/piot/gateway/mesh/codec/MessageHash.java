package piot.gateway.mesh.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The confirmation hash: the first 8 bytes of SHA-256 of the envelope bytes, as a big-endian long. */
public final class MessageHash {
    private MessageHash() {}

    public static long of(byte[] envelope) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(envelope);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xFF);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
