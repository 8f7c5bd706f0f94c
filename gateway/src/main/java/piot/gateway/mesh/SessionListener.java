package piot.gateway.mesh;

import piot.gateway.mesh.codec.MeshMessage;

/** Hears sessions come and go; called on the session's owner thread, so keep it short. */
public interface SessionListener {
    void onSessionUp(String peer);

    void onSessionDown(String peer, String reason);

    /** A message was written to {@code peer}'s session (first sends and resends alike). For metrics; must not block. */
    default void onSent(String peer, MeshMessage message) {}

    /** A message arrived on {@code peer}'s session, before the session acts on it. For metrics; must not block. */
    default void onReceived(String peer, MeshMessage message) {}
}
