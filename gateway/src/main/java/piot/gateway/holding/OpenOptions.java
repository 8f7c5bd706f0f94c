package piot.gateway.holding;

/**
 * How {@link NodeStore#open} treats the file it finds.
 *
 * @param moveCorruptAside when the database is corrupt, rename it (and its -wal/-shm) to
 *     {@code node.db.corrupt-TIMESTAMP} and start with empty state, instead of refusing to start;
 *     only ever on the user's explicit request
 * @param maxPageCount a hard cap on the database size in pages (SQLite {@code max_page_count}),
 *     0 for none; writes beyond it fail as disk full
 */
public record OpenOptions(boolean moveCorruptAside, long maxPageCount) {
    public OpenOptions {
        if (maxPageCount < 0) {
            throw new IllegalArgumentException("maxPageCount must be 0 (no cap) or positive, was " + maxPageCount);
        }
    }

    /** Refuse a corrupt file; no size cap. */
    public static OpenOptions defaults() {
        return new OpenOptions(false, 0);
    }
}
