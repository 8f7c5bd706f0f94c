package piot.gateway.mesh.codec;

import java.util.Arrays;

/**
 * One held message on its way to the peer. Payload: i64 seq, i64 prevSeq, then the encoded
 * {@link Envelope} to the end of the frame. {@code prevSeq} is the link sequence sent just before
 * this one on the stream (or the peer's watermark for the first one), so a receiver tells a frame
 * lost in transit (prevSeq above its watermark) from a message holding dropped on purpose.
 */
public record Data(long seq, long prevSeq, byte[] envelope) implements MeshMessage {
    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && d.seq == seq && d.prevSeq == prevSeq && Arrays.equals(d.envelope, envelope);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(envelope);
    }

    @Override
    public String toString() {
        return "Data[seq=" + seq + ", prevSeq=" + prevSeq + ", " + envelope.length + " bytes]";
    }
}
