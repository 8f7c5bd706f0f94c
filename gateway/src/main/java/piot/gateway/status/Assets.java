package piot.gateway.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The status page's files, served from the classpath under {@code piot/status/}. */
final class Assets {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/assets/app.js", "app.js",
            "/assets/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private Assets() {}

    static boolean exists(String path) {
        return FILES.containsKey(path);
    }

    static Optional<Reply> get(String path) {
        String file = FILES.get(path);
        if (file == null) return Optional.empty();
        try (InputStream in = Assets.class.getResourceAsStream("/piot/status/" + file)) {
            if (in == null) throw new IllegalStateException("status page resource missing: " + file);
            String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
            return Optional.of(new Reply(200, type, in.readAllBytes(), Map.of("Cache-Control", "no-cache")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
