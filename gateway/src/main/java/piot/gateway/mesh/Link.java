package piot.gateway.mesh;

import java.util.Objects;

/**
 * A remembered relation to another node. {@code host}/{@code port} may be absent (null, 0) for a
 * peer that only ever dialled us; such a link is never dialled.
 */
public record Link(String peer, String host, int port, boolean inheritState, Source source) {
    /** Where the link came from; configuration wins over what was learned. */
    public enum Source { CONFIG, DISCOVERY, INBOUND }

    public Link {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A configured link, {@code address} written {@code host:port}. */
    public static Link configured(String peer, String address, boolean inheritState) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("link address must be host:port: " + address);
        }
        return new Link(peer, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), inheritState, Source.CONFIG);
    }

    public boolean dialable() {
        return host != null && port > 0;
    }

    public String address() {
        return dialable() ? host + ":" + port : "";
    }
}
