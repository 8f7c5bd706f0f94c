package piot.gateway.config;

/**
 * One thing wrong with a device file, at a 1-based line and column.
 *
 * @param file the file as the user named it
 * @param line 1-based line
 * @param column 1-based column
 * @param message what is wrong, and what is allowed
 */
public record ConfigProblem(String file, int line, int column, String message) {
    /** {@code FILE:LINE:COLUMN: message}, the form {@code piot validate} prints. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
