package piot.gateway.mesh.codec;

/** A discovery advert: a hint that {@code node} of {@code network} accepts sessions on {@code port}. */
public record Advert(String network, String node, int port, int protocolVersion) {}
