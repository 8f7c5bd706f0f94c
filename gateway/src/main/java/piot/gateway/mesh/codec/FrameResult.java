package piot.gateway.mesh.codec;

/** What {@link FrameCodec#decode} found at the start of a buffer. */
public sealed interface FrameResult {
    /** Not enough bytes yet; {@code atLeast} is the total the buffer must hold to make progress. */
    record NeedMore(int atLeast) implements FrameResult {}

    /** A whole, checksum-valid frame occupying the first {@code consumed} bytes. */
    record Complete(Frame frame, int consumed) implements FrameResult {}

    /** The stream cannot be trusted from here on (bad magic/version, oversize, bad checksum). */
    record Malformed(String reason) implements FrameResult {}
}
