package piot.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads and validates a device file. Every problem in the file is reported at once, each located
 * at the offending text; nothing is started and no file other than the one read is touched.
 */
public final class ConfigLoader {
    static final List<String> SECTIONS = List.of("node", "security", "discovery", "links", "hardware", "sensors",
            "actuators", "holding", "mqtt", "http", "simulation", "fleet");

    private ConfigLoader() {}

    /** Reads and validates {@code file}; an unreadable file is one problem at 1:1. */
    public static LoadResult load(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                return new LoadResult.Invalid(List.of(new ConfigProblem(file.toString(), 1, 1, "is a directory, not a device file")));
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            return new LoadResult.Invalid(List.of(new ConfigProblem(file.toString(), 1, 1,
                    "cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage())));
        } catch (OutOfMemoryError e) {
            return new LoadResult.Invalid(List.of(new ConfigProblem(file.toString(), 1, 1, "file is too large for a device file")));
        }
        return parse(file, bytes);
    }

    /**
     * Validates {@code bytes} as the content of {@code file} (used in messages and as
     * {@link DeviceConfig#source()}). Never throws for any content.
     */
    public static LoadResult parse(Path file, byte[] bytes) {
        Problems problems = new Problems(file.toString());
        Optional<YamlNode> root = new YamlTreeReader(problems).read(bytes);
        if (root.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        if (!(root.get() instanceof YamlNode.Mapping)) {
            problems.at(root.get(), "a device file is a mapping of sections (" + String.join(", ", SECTIONS)
                    + "), not " + root.get().describe());
            return new LoadResult.Invalid(problems.sorted());
        }
        DeviceConfig config = build(file, Fields.of(root.get(), "the file", problems, SECTIONS).orElseThrow(), problems);
        return problems.isEmpty() ? new LoadResult.Loaded(config) : new LoadResult.Invalid(problems.sorted());
    }

    private static DeviceConfig build(Path file, Fields top, Problems problems) {
        ParseContext ctx = new ParseContext(problems);
        SectionParser sections = new SectionParser(ctx);
        ThingParser things = new ThingParser(ctx);
        DeviceConfig.NodeConfig node = sections.node(top);
        var security = sections.security(top);
        var discovery = sections.discovery(top);
        var links = sections.links(top);
        var hardware = sections.hardware(top);
        var sensors = things.sensors(top);
        var actuators = things.actuators(top);
        var holding = sections.holding(top);
        var mqtt = sections.mqtt(top);
        var http = sections.http(top);
        var simulation = new SimulationParser(ctx).simulation(top);
        var fleet = sections.fleet(top);
        ctx.deferred.forEach(Runnable::run);
        if (!top.has("security") && (!top.list("links").isEmpty() || discovery.enabled())) {
            YamlNode at = top.raw("links").orElseGet(() -> top.raw("discovery").orElseThrow());
            problems.at(at, "a 'security:' section (ca, cert, key) is required when links or discovery are used");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new DeviceConfig(file, node, security, discovery, links, hardware, sensors, actuators, holding, mqtt, http, simulation, fleet);
    }
}
