package piot.gateway.mesh;

import piot.gateway.mesh.codec.Envelope;

/** A message arriving from a neighbour: its link sequence on that link and its envelope. */
public record Delivery(String peer, long linkSeq, Envelope envelope) {}
