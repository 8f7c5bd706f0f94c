package piot.gateway.status;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The action body parser answers Ok or Bad for any bytes, never throws, and only accepts sane requests. */
class ActionBodyFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyBytesGiveAnAnswer(byte[] body) {
        ActionBody.Parsed p = ActionBody.parse(body, "http:fuzz");
        assertNotNull(p);
        if (p instanceof ActionBody.Ok ok) {
            ActionRequest r = ok.request();
            assertTrue(!r.node().isBlank() && !r.thing().isBlank() && !r.action().isBlank());
            assertTrue(!r.expiry().isNegative() && !r.expiry().isZero() && r.expiry().compareTo(ActionBody.MAX_EXPIRY) <= 0);
        } else {
            assertTrue(!((ActionBody.Bad) p).message().isBlank());
        }
    }
}
