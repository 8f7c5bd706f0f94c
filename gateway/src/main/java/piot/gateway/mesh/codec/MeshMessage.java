package piot.gateway.mesh.codec;

/**
 * The frames a session exchanges, one record per frame type. Switches over this type are
 * exhaustive, so a new message type fails to compile until every handler knows it.
 */
public sealed interface MeshMessage permits Handshake, Hello, Data, Confirm, Close {}
