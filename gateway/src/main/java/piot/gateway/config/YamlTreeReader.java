package piot.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML bytes into a located {@link YamlNode} tree by walking Jackson's parser tokens.
 * Never throws: anything that is not a YAML document becomes a problem.
 */
final class YamlTreeReader {
    static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 32;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Problems problems;
    private JsonParser parser;

    YamlTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** The document's root, or empty when a problem was recorded. */
    Optional<YamlNode> read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            problems.at(1, 1, "file is " + bytes.length + " bytes; a device file may be at most " + MAX_BYTES + " bytes");
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.at(1, 1, "not a YAML file: it is not UTF-8 text");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank() || onlyComments(text)) {
            problems.at(1, 1, "file is empty; a device file needs at least a 'node:' section");
            return Optional.empty();
        }
        if (reportIndentTabs(text)) {
            return Optional.empty();
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.at(1, 1, "file is empty; a device file needs at least a 'node:' section");
                return Optional.empty();
            }
            YamlNode root = node(first, 0);
            if (root == null) {
                return Optional.empty();
            }
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                problems.at(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()),
                        "a second YAML document starts here; a device file holds exactly one");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (JacksonException e) {
            syntaxProblem(e);
        } catch (IOException | RuntimeException e) {
            // SnakeYAML signals some malformed input (bad escapes, odd unicode) with plain runtime exceptions.
            problems.at(1, 1, "not a valid YAML file: " + firstLine(String.valueOf(e.getMessage())));
        }
        return Optional.empty();
    }

    private YamlNode node(JsonToken token, int depth) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = Math.max(1, at.getLineNr());
        int column = Math.max(1, at.getColumnNr());
        if (depth > MAX_DEPTH) {
            problems.at(line, column, "nested more than " + MAX_DEPTH + " levels deep; a device file needs far fewer");
            return null;
        }
        return switch (token) {
            case START_OBJECT -> mapping(line, column, depth);
            case START_ARRAY -> sequence(line, column, depth);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(line, column, parser.getText(), YamlNode.Kind.INT);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(line, column, parser.getText(), YamlNode.Kind.FLOAT);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(line, column, parser.getText(), YamlNode.Kind.BOOL);
            case VALUE_NULL -> new YamlNode.Scalar(line, column, "", YamlNode.Kind.NULL);
            case VALUE_STRING -> new YamlNode.Scalar(line, column, parser.getText(), YamlNode.Kind.STRING);
            default -> {
                problems.at(line, column, "unsupported YAML content here (" + token + ")");
                yield null;
            }
        };
    }

    private YamlNode mapping(int line, int column, int depth) throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean ok = true;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t == null) {
                problems.at(line, column, "mapping is not closed");
                return null;
            }
            JsonLocation at = parser.currentTokenLocation();
            String key = parser.currentName();
            int keyLine = Math.max(1, at.getLineNr());
            int keyColumn = Math.max(1, at.getColumnNr());
            YamlNode value = node(parser.nextToken(), depth + 1);
            if (value == null) {
                return null;
            }
            Integer first = seen.putIfAbsent(key, keyLine);
            if (first != null) {
                problems.at(keyLine, keyColumn, "duplicate key '" + key + "' (first given at line " + first + ")");
                ok = false;
            }
            entries.add(new YamlNode.Entry(key, keyLine, keyColumn, value));
        }
        return ok ? new YamlNode.Mapping(line, column, entries) : null;
    }

    private YamlNode sequence(int line, int column, int depth) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t == null) {
                problems.at(line, column, "list is not closed");
                return null;
            }
            YamlNode item = node(t, depth + 1);
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return new YamlNode.Sequence(line, column, items);
    }

    /** YAML forbids tabs in indentation; SnakeYAML's own message for it is cryptic, so say it plainly. */
    private boolean reportIndentTabs(String text) {
        boolean found = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            for (int c = 0; c < l.length() && (l.charAt(c) == ' ' || l.charAt(c) == '\t' || l.charAt(c) == '-'); c++) {
                if (l.charAt(c) == '\t') {
                    problems.at(i + 1, c + 1, "tab character in indentation; YAML indents with spaces only");
                    found = true;
                    break;
                }
            }
        }
        return found;
    }

    private static boolean onlyComments(String text) {
        return text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---") || l.equals("..."));
    }

    private void syntaxProblem(JacksonException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark m = marked.getProblemMark();
            String what = String.valueOf(marked.getProblem());
            if (what.contains("(TAB)") || what.contains("'\\t'")) {
                problems.at(m.getLine() + 1, m.getColumn() + 1, "tab character where YAML allows only spaces; replace it with spaces");
                return;
            }
            problems.at(m.getLine() + 1, m.getColumn() + 1, "not valid YAML: " + what);
            return;
        }
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        problems.at(line, column, "not valid YAML: " + firstLine(String.valueOf(e.getOriginalMessage())));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
