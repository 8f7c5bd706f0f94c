package piot.gateway.mesh.codec;

import java.util.List;

/**
 * The first frame each side sends after TLS. Payload:
 * <pre>
 * u8  minVersion, u8 maxVersion       protocol versions the sender speaks
 * str node                            sender's node name (must equal its certificate CN)
 * str network                         sender's network (must equal the receiver's)
 * u16 listenPort                      where the sender accepts sessions (0 = does not listen)
 * u8  n, n × str capabilities         open set of feature names
 * u8  inheritState                    0 or 1
 * i64 watermark                       sender's inbound watermark for the receiver
 * i64 lastAssigned                    highest link seq the sender ever assigned to the receiver
 * </pre>
 * {@code str} is a u8 length followed by that many UTF-8 bytes.
 */
public record Handshake(int minVersion, int maxVersion, String node, String network, int listenPort,
                        List<String> capabilities, boolean inheritState, long watermark, long lastAssigned)
        implements MeshMessage {
    public Handshake {
        capabilities = List.copyOf(capabilities);
    }
}
