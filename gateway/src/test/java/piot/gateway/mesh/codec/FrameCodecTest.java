package piot.gateway.mesh.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameCodecTest {
    @Test
    void anOversizedLengthIsRefusedFromTheHeaderAlone() {
        byte[] header = {0x50, 0x4D, 1, (byte) FrameType.DATA, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        var m = assertInstanceOf(FrameResult.Malformed.class, FrameCodec.decode(header, 0, header.length, FrameCodec.DEFAULT_MAX_PAYLOAD));
        assertTrue(m.reason().contains("exceeds maximum"), m.reason());
    }

    @Test
    void aGoldenHelloFrameHasTheDocumentedLayout() {
        byte[] bytes = MessageCodec.encode(new Hello(0x0102030405060708L));
        assertEquals("504d01020000000801020304050607" + "08", java.util.HexFormat.of().formatHex(bytes, 0, 16));
        assertEquals(20, bytes.length);
    }

    @Test
    void anotherVersionIsRefusedNotGuessed() {
        byte[] bytes = MessageCodec.encode(new Hello(1));
        bytes[2] = 2;
        var m = assertInstanceOf(FrameResult.Malformed.class, FrameCodec.decode(bytes, 0, bytes.length, 100));
        assertEquals("unsupported frame version 2", m.reason());
    }

    @Test
    void twoFramesInOneBufferComeOutOneAtATime() {
        byte[] a = MessageCodec.encode(new Hello(1));
        byte[] b = MessageCodec.encode(new Confirm(5, 10, 99));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        var first = assertInstanceOf(FrameResult.Complete.class, FrameCodec.decode(both, 0, both.length, 100));
        var second = assertInstanceOf(FrameResult.Complete.class,
                FrameCodec.decode(both, first.consumed(), both.length - first.consumed(), 100));
        assertEquals(new Confirm(5, 10, 99), ((Decoded.Ok<?>) MessageCodec.decode(second.frame())).value());
    }

    @Test
    void dataWhosePrevSeqIsNotBeforeItsSeqIsMalformed() {
        byte[] payload = DataCodec.encode(new Data(5, 4, new byte[0]));
        payload[15] = 5;
        assertInstanceOf(Decoded.Bad.class, DataCodec.decode(payload));
    }

    @Test
    void anUnknownCloseCodeReadsAsUnknown() {
        byte[] payload = {99, 0};
        assertEquals(new Close(CloseReason.UNKNOWN, ""), ((Decoded.Ok<?>) CloseCodec.decode(payload)).value());
    }
}
