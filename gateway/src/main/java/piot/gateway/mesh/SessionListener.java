package piot.gateway.mesh;

/** Hears sessions come and go; called on the session's owner thread, so keep it short. */
public interface SessionListener {
    void onSessionUp(String peer);

    void onSessionDown(String peer, String reason);
}
