package piot.gateway.holding;

/** Why a message left holding without being confirmed; counted per peer in {@link HoldingStats}. */
public enum DropReason {
    /** The peer's queue was at its size limit. */
    OVERFLOW,
    /** Its time-to-live ran out before it was confirmed. */
    TTL,
    /** A newer message with the same conflation key replaced it ({@link HoldPolicy#LATEST}). */
    CONFLATED,
    /** The link was reset for a clean-slate session ({@code inherit_state: false}). */
    CLEAN_SLATE
}
