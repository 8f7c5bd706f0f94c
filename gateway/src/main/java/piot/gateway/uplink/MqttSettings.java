package piot.gateway.uplink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code mqtt:} section of a gateway's config, resolved (defaults applied).
 *
 * @param nodeName      this gateway's node name
 * @param url           {@code tcp://host:port} or {@code ssl://host:port}
 * @param topicPrefix   first topic level, default {@code piot}
 * @param homeassistant publish Home Assistant discovery documents
 * @param clientId      MQTT client id, default {@code piot-NODE}
 * @param username      optional user name
 * @param password      optional password (only with a user name)
 * @param tlsCa         CA certificate (PEM) that signed the broker's certificate, for {@code ssl://}
 * @param bridgeAll     true: bridge every node's things ({@code bridge: all}); false: only this node's
 * @param commandExpiry expiry given to a command that carries none (a bare value), default 30 s
 */
public record MqttSettings(String nodeName, String url, String topicPrefix, boolean homeassistant, String clientId,
                           Optional<String> username, Optional<String> password, Optional<Path> tlsCa,
                           boolean bridgeAll, Duration commandExpiry) {
    /** Default expiry of a command without one. */
    public static final Duration DEFAULT_COMMAND_EXPIRY = Duration.ofSeconds(30);

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,32}(/[A-Za-z0-9_-]{1,32}){0,3}");

    public MqttSettings {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tlsCa, "tlsCa");
        Objects.requireNonNull(commandExpiry, "commandExpiry");
        if (!NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("node name '" + nodeName + "' is not [a-z][a-z0-9_-]{0,31}");
        }
        if (!PREFIX.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("mqtt.topic_prefix '" + topicPrefix
                    + "' must be 1 to 4 topic levels of [A-Za-z0-9_-], without + # or a leading/trailing /");
        }
        if (clientId.isEmpty() || clientId.length() > 64) {
            throw new IllegalArgumentException("mqtt.client_id must be 1..64 characters");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("mqtt.password needs mqtt.username");
        }
        if (!commandExpiry.isPositive()) {
            throw new IllegalArgumentException("the default command expiry must be positive, was " + commandExpiry);
        }
        URI u = parse(url);
        if (tlsCa.isPresent() && !"ssl".equals(u.getScheme())) {
            throw new IllegalArgumentException("mqtt.tls needs an ssl:// url, was " + url);
        }
    }

    /** The settings with the documented defaults: prefix piot, client id piot-NODE, local bridge, 30 s expiry. */
    public static MqttSettings defaults(String nodeName, String url) {
        return new MqttSettings(nodeName, url, "piot", false, "piot-" + nodeName, Optional.empty(), Optional.empty(),
                Optional.empty(), false, DEFAULT_COMMAND_EXPIRY);
    }

    public MqttSettings withHomeassistant(boolean on) {
        return new MqttSettings(nodeName, url, topicPrefix, on, clientId, username, password, tlsCa, bridgeAll, commandExpiry);
    }

    public MqttSettings withBridgeAll(boolean all) {
        return new MqttSettings(nodeName, url, topicPrefix, homeassistant, clientId, username, password, tlsCa, all, commandExpiry);
    }

    public MqttSettings withTopicPrefix(String prefix) {
        return new MqttSettings(nodeName, url, prefix, homeassistant, clientId, username, password, tlsCa, bridgeAll, commandExpiry);
    }

    /**
     * The holding pseudo-peer of this bridge's outbox: {@code mqtt:HOST:PORT}. The colon makes it a
     * name no node can have, so it never collides with a mesh link's queue.
     */
    public String outboxPeer() {
        URI u = parse(url);
        return "mqtt:" + u.getHost() + ":" + u.getPort();
    }

    private static URI parse(String url) {
        try {
            URI u = new URI(url);
            if (!"tcp".equals(u.getScheme()) && !"ssl".equals(u.getScheme())) {
                throw new IllegalArgumentException("mqtt.url must start with tcp:// or ssl://, was " + url);
            }
            if (u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535) {
                throw new IllegalArgumentException("mqtt.url must be scheme://host:port with port 1-65535, was " + url);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("mqtt.url is not a URL: " + url + " (" + e.getReason() + ")", e);
        }
    }
}
