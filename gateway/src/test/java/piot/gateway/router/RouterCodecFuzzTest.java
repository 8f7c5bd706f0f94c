package piot.gateway.router;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for every decoder: whatever the bytes, decoding returns a result and never throws.
 * Run as regression tests in the normal build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RouterCodecFuzzTest {

    private static void decodeAs(String type, FuzzedDataProvider data) {
        Parsed<RouterMessage> p = RouterCodec.decode(type, data.consumeRemainingAsBytes());
        assertNotNull(p);
        if (p instanceof Parsed.Ok<RouterMessage> ok) {
            // What was accepted must encode and decode again to the same message.
            org.junit.jupiter.api.Assertions.assertEquals(p, RouterCodec.decode(type, RouterCodec.encode(ok.value())));
        }
    }

    @FuzzTest(maxDuration = "10s")
    void event(FuzzedDataProvider data) {
        decodeAs("event", data);
    }

    @FuzzTest(maxDuration = "10s")
    void action(FuzzedDataProvider data) {
        decodeAs("action", data);
    }

    @FuzzTest(maxDuration = "10s")
    void actionStatus(FuzzedDataProvider data) {
        decodeAs("action-status", data);
    }

    @FuzzTest(maxDuration = "10s")
    void rpc(FuzzedDataProvider data) {
        decodeAs("rpc", data);
    }

    @FuzzTest(maxDuration = "10s")
    void rpcReply(FuzzedDataProvider data) {
        decodeAs("rpc-reply", data);
    }

    @FuzzTest(maxDuration = "10s")
    void join(FuzzedDataProvider data) {
        decodeAs("join", data);
    }

    @FuzzTest(maxDuration = "10s")
    void leave(FuzzedDataProvider data) {
        decodeAs("leave", data);
    }

    @FuzzTest(maxDuration = "10s")
    void routing(FuzzedDataProvider data) {
        decodeAs("routing", data);
    }

    @FuzzTest(maxDuration = "10s")
    void things(FuzzedDataProvider data) {
        decodeAs("things", data);
    }

    @FuzzTest(maxDuration = "10s")
    void anyType(FuzzedDataProvider data) {
        String type = data.consumeString(16);
        assertNotNull(RouterCodec.decode(type, data.consumeRemainingAsBytes()));
    }

    @FuzzTest(maxDuration = "10s")
    void topicPattern(FuzzedDataProvider data) {
        assertNotNull(TopicPattern.parse(data.consumeRemainingAsString()));
    }
}
