package piot.gateway.holding;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A storage fault: the write or open it belongs to did not happen. Its message names the database
 * file and what to do; {@link #fault()} says which kind of fault it is.
 */
public final class HoldingException extends RuntimeException {
    /** The kinds of storage fault, each reported loudly and never retried silently. */
    public enum Fault {
        DISK_FULL, READ_ONLY, CORRUPT, IO, NEWER_VERSION, CLOSED, OTHER
    }

    private final Fault fault;

    public HoldingException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    /** Which kind of fault this is. */
    public Fault fault() {
        return fault;
    }

    /** Classifies an SQLite error by its primary result code. */
    static HoldingException from(SQLException e, Path file, String doing) {
        Fault fault = switch (e.getErrorCode() & 0xff) {
            case 13 -> Fault.DISK_FULL; // SQLITE_FULL
            case 8 -> Fault.READ_ONLY; // SQLITE_READONLY
            case 11, 26 -> Fault.CORRUPT; // SQLITE_CORRUPT, SQLITE_NOTADB
            case 10, 14 -> isReadOnlyIo(e, file) ? Fault.READ_ONLY : Fault.IO; // SQLITE_IOERR, SQLITE_CANTOPEN
            default -> Fault.OTHER;
        };
        String hint = switch (fault) {
            case DISK_FULL -> "the disk (or the database size limit) is full; free space in " + file.getParent();
            case READ_ONLY -> "the file system is read-only or the file is not writable";
            case CORRUPT -> "the database file is corrupt; it must be moved aside to start with empty state";
            case IO -> "an I/O error reached SQLite; check the storage device";
            default -> "unexpected SQLite error";
        };
        return new HoldingException(fault, doing + " failed on " + file + ": " + hint + " (" + e.getMessage() + ")", e);
    }

    private static boolean isReadOnlyIo(SQLException e, Path file) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("read-only") || m.contains("readonly")) {
            return true;
        }
        // SQLite reports EROFS as a generic I/O or cannot-open error; ask the file system itself.
        try {
            Path dir = file.toAbsolutePath().getParent();
            return dir != null && java.nio.file.Files.getFileStore(dir).isReadOnly();
        } catch (java.io.IOException notKnowable) {
            return false;
        }
    }

    /** Fatal faults fail a whole batch; anything else fails only the write that caused it. */
    static boolean isStorageFault(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == 13 || code == 8 || code == 11 || code == 26 || code == 10 || code == 14;
    }
}
