package piot.gateway.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP answer: status, content type, body and extra headers. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Reply json(int status, JsonNode body, Map<String, String> headers) {
        return new Reply(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** An error with a machine-readable code and a sentence for a person. */
    static Reply problem(int status, String error, String message) {
        return json(status, Json.problem(error, message));
    }

    static Reply problem(int status, String error, String message, Map<String, String> headers) {
        return json(status, Json.problem(error, message), headers);
    }
}
