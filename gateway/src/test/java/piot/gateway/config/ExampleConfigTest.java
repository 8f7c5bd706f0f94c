package piot.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example device file is accepted by both the parser and config/piot.schema.json. */
class ExampleConfigTest {
    static final Path CONFIG = Path.of("../config");
    static final JsonSchema SCHEMA = schema();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG.resolve("examples"))) {
            return Stream.concat(Stream.of(CONFIG.resolve("piot.yaml")), files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theParserAcceptsEveryExample(Path file) {
        LoadResult result = ConfigLoader.load(file);
        assertInstanceOf(LoadResult.Loaded.class, result, () -> String.valueOf(result));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void theSchemaAcceptsEveryExample(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(yaml(file));
        assertEquals(Set.of(), errors);
    }

    /** Broken files whose mistake a JSON Schema can express must fail the schema too, or it checks nothing. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unknown-key-sensor", "unknown-top-level", "missing-node-name", "bad-node-name-uppercase",
            "pin-out-of-range", "i2c-address-too-high", "sensor-unknown-type", "interval-number", "hold-bad-choice",
            "mqtt-bad-url", "pwm-duty-too-high", "max-on-on-pwm", "ads-channel-out-of-range", "simulation-unknown-signal",
            "simulation-fault-bad-kind", "security-missing-key", "link-missing-address", "heartbeat-bad-unit",
            "discovery-bad-address"})
    void theSchemaRejectsBrokenFilesItCanDescribe(String name) throws IOException {
        Path file = BrokenConfigTest.CORPUS.resolve(name + ".yaml");
        assertFalse(SCHEMA.validate(yaml(file)).isEmpty(), name + " must fail the schema");
        assertInstanceOf(LoadResult.Invalid.class, ConfigLoader.load(file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleUsesLoopbackAndItsOwnPorts(Path file) {
        if (file.getFileName().toString().equals("piot.yaml")) {
            return;
        }
        DeviceConfig c = ((LoadResult.Loaded) ConfigLoader.load(file)).config();
        assertTrue(c.node().listen().isLoopback() && c.http().listen().isLoopback(), file + " listens on loopback");
        assertTrue(c.links().stream().allMatch(l -> l.address().isLoopback()));
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }

    private static JsonSchema schema() {
        try {
            JsonNode node = new ObjectMapper().readTree(CONFIG.resolve("piot.schema.json").toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema", e);
        }
    }
}
