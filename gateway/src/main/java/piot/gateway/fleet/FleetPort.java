package piot.gateway.fleet;

import java.util.List;

/** The mesh side of the fleet, as seen from {@link Fleet}: the running gateway implements it. */
public interface FleetPort {
    /** Holds {@code out} for their next hops (durably, asynchronously). */
    void send(List<Outbound> out);

    /** Whether a message for {@code node} has a next hop now (a session, or a route through one). */
    boolean reachable(String node);

    /** Called on the router thread for a fleet envelope addressed to this node; returns replies. */
    interface Handler {
        List<Outbound> onFleet(String source, FleetMessage message);
    }
}
