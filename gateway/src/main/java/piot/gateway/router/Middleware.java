package piot.gateway.router;

/**
 * One step every inbound message passes before its handler (logging, authorization, rate
 * limiting). The first refusal stops the chain; see {@link MiddlewareChain}.
 */
public interface Middleware {
    /** Decides about {@code in} at monotonic time {@code nowNanos}; never throws for bad input. */
    Verdict check(Inbound in, long nowNanos);
}
