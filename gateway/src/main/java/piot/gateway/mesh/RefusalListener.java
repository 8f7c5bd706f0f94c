package piot.gateway.mesh;

/** Hears every refused connection; called on the refusing thread, so keep it short. */
@FunctionalInterface
public interface RefusalListener {
    void onRefused(Refusal refusal);
}
