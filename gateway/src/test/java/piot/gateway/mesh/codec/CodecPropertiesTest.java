package piot.gateway.mesh.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.UUID;

class CodecPropertiesTest {
    static final int MAX = 4096;

    @Property
    void aFrameRoundTrips(@ForAll @IntRange(min = 0, max = 255) int type, @ForAll @Size(max = 600) byte[] payload) {
        byte[] bytes = FrameCodec.encode(type, payload);
        FrameResult r = FrameCodec.decode(bytes, 0, bytes.length, MAX);
        var c = assertInstanceOf(FrameResult.Complete.class, r);
        assertEquals(new Frame(type, payload), c.frame());
        assertEquals(bytes.length, c.consumed());
    }

    @Property
    void anyTruncationNeedsMore(@ForAll @Size(max = 300) byte[] payload, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = FrameCodec.encode(FrameType.DATA, payload);
        int len = cut % bytes.length;
        assertInstanceOf(FrameResult.NeedMore.class, FrameCodec.decode(bytes, 0, len, MAX));
    }

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 64) byte[] junk, @ForAll @IntRange(min = 0, max = 64) int max) {
        FrameCodec.decode(junk, 0, junk.length, max);
    }

    @Property
    void aFlippedBitIsNeverAcceptedAsTheSameFrame(@ForAll @Size(min = 1, max = 200) byte[] payload,
                                                   @ForAll @IntRange(min = 0, max = 100_000) int at) {
        byte[] bytes = FrameCodec.encode(FrameType.DATA, payload);
        int i = at % bytes.length;
        bytes[i] ^= (byte) (1 << (at % 8));
        FrameResult r = FrameCodec.decode(bytes, 0, bytes.length, MAX);
        if (r instanceof FrameResult.Complete c) {
            throw new AssertionError("corrupt frame accepted: " + c.frame());
        }
    }

    @Property
    void everyMessageRoundTrips(@ForAll("messages") MeshMessage m) {
        byte[] bytes = MessageCodec.encode(m);
        var c = assertInstanceOf(FrameResult.Complete.class, FrameCodec.decode(bytes, 0, bytes.length, MAX));
        var ok = assertInstanceOf(Decoded.Ok.class, MessageCodec.decode(c.frame()));
        assertEquals(m, ok.value());
    }

    @Property
    void randomPayloadsNeverThrow(@ForAll @IntRange(min = 0, max = 255) int type, @ForAll @Size(max = 80) byte[] payload) {
        MessageCodec.decode(new Frame(type, payload));
        EnvelopeCodec.decode(payload);
    }

    @Property
    void envelopesRoundTrip(@ForAll("envelopes") Envelope e) {
        var ok = assertInstanceOf(Decoded.Ok.class, EnvelopeCodec.decode(EnvelopeCodec.encode(e)));
        assertEquals(e, ok.value());
    }

    @Property
    void anyTruncatedEnvelopeIsRefused(@ForAll("envelopes") Envelope e, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] bytes = EnvelopeCodec.encode(e);
        byte[] part = java.util.Arrays.copyOf(bytes, cut % bytes.length);
        assertInstanceOf(Decoded.Bad.class, EnvelopeCodec.decode(part));
    }

    @Property
    void advertsRoundTripAndTruncationsAreRefused(@ForAll("names") String network, @ForAll("names") String node,
                                                  @ForAll @IntRange(min = 1, max = 65535) int port,
                                                  @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        Advert a = new Advert(network, node, port, 1);
        byte[] bytes = AdvertCodec.encode(a);
        assertEquals(a, assertInstanceOf(Decoded.Ok.class, AdvertCodec.decode(bytes)).value());
        assertInstanceOf(Decoded.Bad.class, AdvertCodec.decode(java.util.Arrays.copyOf(bytes, cut % bytes.length)));
    }

    @Property
    void randomDatagramsNeverThrow(@ForAll @Size(max = 80) byte[] junk) {
        AdvertCodec.decode(junk);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(32);
    }

    @Provide
    Arbitrary<Envelope> envelopes() {
        Arbitrary<String> name = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<Long> any = Arbitraries.longs();
        return Combinators.combine(any, any, name, name, name, Arbitraries.integers().between(0, 255),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((a, b, t, s, d, h, seq, body) -> new Envelope(new UUID(a, b), t, s, d, h, a, b, seq, body));
    }

    @Provide
    Arbitrary<MeshMessage> messages() {
        Arbitrary<String> name = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(32);
        Arbitrary<Long> seq = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<MeshMessage> hs = Combinators.combine(Arbitraries.integers().between(0, 3), name, name,
                        Arbitraries.integers().between(0, 65535), name.list().ofMaxSize(5), Arbitraries.of(true, false),
                        Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((v, n, net, port, caps, inh, w, la) -> new Handshake(v, v + 1, n, net, port, caps, inh, w, la));
        Arbitrary<MeshMessage> hello = Arbitraries.longs().map(Hello::new);
        Arbitrary<MeshMessage> data = Combinators.combine(seq, Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as((s, b) -> new Data(s, s - 1, b));
        Arbitrary<MeshMessage> confirm = Combinators.combine(seq, Arbitraries.longs().between(0, 0xFFFF_FFFFL), Arbitraries.longs())
                .as(Confirm::new);
        Arbitrary<MeshMessage> close = Combinators.combine(Arbitraries.of(CloseReason.class), Arbitraries.strings().ofMaxLength(60))
                .as(Close::new);
        return Arbitraries.oneOf(hs, hello, data, confirm, close);
    }
}
