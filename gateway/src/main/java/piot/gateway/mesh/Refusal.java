package piot.gateway.mesh;

/** A connection the node refused: when (wall ms), from/to where, and why. */
public record Refusal(long wallMillis, String remote, String reason) {}
