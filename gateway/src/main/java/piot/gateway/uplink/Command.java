package piot.gateway.uplink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The payload of a command ({@code …/ACTION/set}): a bare value ({@code on}, {@code 0.5},
 * {@code "on"}) or {@code {"value":…,"id":…,"expiry":…}} where {@code id} is
 * {@code [A-Za-z0-9._:@-]{1,64}} and {@code expiry} is either epoch milliseconds or an ISO-8601
 * instant ({@code 2026-11-22T10:00:30Z}). Decoding never throws.
 *
 * @param value  text of the JSON scalar ({@code "on"}, {@code "0.5"}, {@code "true"})
 * @param id     the sender's request id, if any
 * @param expiry absolute wall-clock expiry in epoch ms, if any
 */
record Command(String value, Optional<String> id, OptionalLong expiry) {
    static final int MAX_PAYLOAD = 4096;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Pattern BARE = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(8).maxStringLength(MAX_PAYLOAD).maxNumberLength(32).build());
    }

    Command {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiry, "expiry");
    }

    /** Outcome of {@link #decode}. */
    sealed interface Decoded {}

    record Ok(Command command) implements Decoded {}

    record Bad(String reason) implements Decoded {}

    /** Decodes a command payload; any bytes give an answer, never an exception. */
    static Decoded decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return new Bad("empty command: send a value such as on, off or 0.5, or {\"value\":…,\"id\":…,\"expiry\":…}");
        }
        if (payload.length > MAX_PAYLOAD) {
            return new Bad("command larger than " + MAX_PAYLOAD + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString().strip();
        } catch (CharacterCodingException e) {
            return new Bad("command is not UTF-8 text");
        }
        if (BARE.matcher(text).matches()) {
            return new Ok(new Command(text, Optional.empty(), OptionalLong.empty()));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            return new Bad("command is neither a bare value ([A-Za-z0-9._+-], at most 64) nor valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            return new Bad("empty command");
        }
        if (root.isValueNode()) {
            return scalar(root).<Decoded>map(v -> new Ok(new Command(v, Optional.empty(), OptionalLong.empty())))
                    .orElseGet(() -> new Bad("command value must be a string, number or boolean"));
        }
        if (!root.isObject()) {
            return new Bad("command must be a value or a JSON object {\"value\":…,\"id\":…,\"expiry\":…}");
        }
        return object(root);
    }

    private static Decoded object(JsonNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("value") && !f.equals("id") && !f.equals("expiry")) {
                return new Bad("unknown field '" + clip(f) + "': allowed are value, id, expiry");
            }
        }
        JsonNode v = root.get("value");
        if (v == null) {
            return new Bad("missing field 'value'");
        }
        Optional<String> value = scalar(v);
        if (value.isEmpty()) {
            return new Bad("field 'value' must be a string, number or boolean");
        }
        Optional<String> id = Optional.empty();
        JsonNode i = root.get("id");
        if (i != null) {
            if (!i.isTextual() || !ID.matcher(i.textValue()).matches()) {
                return new Bad("field 'id' must be a string of [A-Za-z0-9._:@-], 1 to 64 characters");
            }
            id = Optional.of(i.textValue());
        }
        OptionalLong expiry = OptionalLong.empty();
        JsonNode e = root.get("expiry");
        if (e != null) {
            OptionalLong parsed = expiry(e);
            if (parsed.isEmpty()) {
                return new Bad("field 'expiry' must be epoch milliseconds (a positive integer) or an ISO-8601 instant"
                        + " such as 2026-11-22T10:00:30Z");
            }
            expiry = parsed;
        }
        return new Ok(new Command(value.get(), id, expiry));
    }

    private static OptionalLong expiry(JsonNode e) {
        if (e.isIntegralNumber() && e.canConvertToLong() && e.longValue() > 0) {
            return OptionalLong.of(e.longValue());
        }
        if (e.isTextual() && e.textValue().length() <= 40) {
            try {
                return OptionalLong.of(java.time.Instant.parse(e.textValue()).toEpochMilli());
            } catch (RuntimeException ex) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<String> scalar(JsonNode v) {
        if (v.isTextual() && !v.textValue().isEmpty() && v.textValue().length() <= 64) {
            return Optional.of(v.textValue());
        }
        if (v.isNumber() && !(v.isDouble() && !Double.isFinite(v.doubleValue()))) {
            return Optional.of(v.asText());
        }
        if (v.isBoolean()) {
            return Optional.of(v.asText());
        }
        return Optional.empty();
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
