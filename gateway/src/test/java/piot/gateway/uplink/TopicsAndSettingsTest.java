package piot.gateway.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Topic names under a prefix, and the settings refusing what cannot work. */
class TopicsAndSettingsTest {
    @Test
    void commandTopicsParseOnlyWhenWellFormed() {
        Topics t = new Topics("site/a");
        assertEquals(Optional.of(new Topics.Target("gh", "pump", "switch")), t.parseSet("site/a/gh/pump/switch/set"));
        assertEquals(Optional.empty(), t.parseSet("site/a/gh/pump/set"));
        assertEquals(Optional.empty(), t.parseSet("site/a/GH/pump/switch/set"));
        assertEquals(Optional.empty(), t.parseSet("piot/gh/pump/switch/set"));
        assertEquals("site/a/+/+/+/set", t.setFilter("gh", true));
        assertEquals("site/a/gh/+/+/set", t.setFilter("gh", false));
        assertEquals("site/a/gh/air/temperature", t.reading("gh", "air", "temperature"));
    }

    @Test
    void settingsDefaultsAndTheOutboxPeerNoNodeCanHave() {
        MqttSettings s = MqttSettings.defaults("gh", "tcp://127.0.0.1:1883");
        assertEquals("piot", s.topicPrefix());
        assertEquals("piot-gh", s.clientId());
        assertEquals("mqtt:127.0.0.1:1883", s.outboxPeer());
    }

    @Test
    void unusableSettingsAreRefusedWithWhatIsAllowed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("gh", "http://x:1883"))
                .getMessage().contains("tcp:// or ssl://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MqttSettings.defaults("gh", "tcp://x"))
                .getMessage().contains("port"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MqttSettings.defaults("gh", "tcp://x:1883").withTopicPrefix("piot/#")).getMessage().contains("topic_prefix"));
        MqttSettings d = MqttSettings.defaults("gh", "tcp://x:1883");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MqttSettings("gh", d.url(), "piot", false, "c",
                Optional.empty(), Optional.empty(), Optional.of(Path.of("/ca.crt")), false, d.commandExpiry()))
                .getMessage().contains("ssl://"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MqttSettings("gh", d.url(), "piot", false, "c",
                Optional.empty(), Optional.of("p"), Optional.empty(), false, d.commandExpiry()))
                .getMessage().contains("username"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tls.trusting(Path.of("/nonexistent/ca.crt")))
                .getMessage().contains("cannot read mqtt.tls.ca"));
    }
}
