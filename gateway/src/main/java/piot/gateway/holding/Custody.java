package piot.gateway.holding;

import java.util.List;

/**
 * The outcome of {@link SqliteLinkStore#custody}: whether the message was new, and what became of
 * each forward (empty when it was a duplicate, since nothing was written then).
 */
public record Custody(boolean accepted, List<AppendResult> forwards) {
    public Custody {
        forwards = List.copyOf(forwards);
    }
}
