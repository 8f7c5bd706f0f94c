package piot.gateway.mesh.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for every decoder. In the normal build they run once per stored input (regression
 * mode); with JAZZER_FUZZ=1 they fuzz. The property that must hold: decoding never throws.
 */
class CodecFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void frameDecoderNeverThrows(FuzzedDataProvider data) {
        int max = data.consumeInt(0, 1 << 20);
        byte[] bytes = data.consumeRemainingAsBytes();
        FrameResult r = FrameCodec.decode(bytes, 0, bytes.length, max);
        if (r instanceof FrameResult.Complete c) {
            MessageCodec.decode(c.frame());
        }
    }

    @FuzzTest(maxDuration = "20s")
    void messageDecodersNeverThrow(FuzzedDataProvider data) {
        int type = data.consumeInt(0, 255);
        byte[] payload = data.consumeRemainingAsBytes();
        MessageCodec.decode(new Frame(type, payload));
    }

    @FuzzTest(maxDuration = "20s")
    void envelopeDecoderNeverThrows(byte[] bytes) {
        Decoded<Envelope> d = EnvelopeCodec.decode(bytes);
        if (d instanceof Decoded.Ok<Envelope> ok) {
            byte[] again = EnvelopeCodec.encode(ok.value());
            if (!java.util.Arrays.equals(again, bytes)) {
                throw new IllegalStateException("accepted envelope does not re-encode to the same bytes");
            }
        }
    }

    @FuzzTest(maxDuration = "20s")
    void advertDecoderNeverThrows(byte[] bytes) {
        AdvertCodec.decode(bytes);
    }
}
