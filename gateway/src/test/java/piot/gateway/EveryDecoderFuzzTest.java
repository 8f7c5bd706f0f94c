package piot.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One fuzz target over every other one, for the bounded fuzzing run in {@code scripts/test}.
 * Jazzer fuzzes one {@code @FuzzTest} per JVM; giving each of the 20 targets its own JVM and
 * Maven run would cost minutes of start-up, so this target spends its first input bytes choosing
 * a target and hands it the rest, and one run of {@code maxDuration} covers them all with the
 * targets' own assertions. Crashes are written next to this class's inputs and replay as
 * regression tests in every build. {@code scripts/fuzz} fuzzes the targets one by one, for longer.
 */
class EveryDecoderFuzzTest {
    /** The classes holding the fuzz targets; a new one is added here (and is then fuzzed by scripts/fuzz too). */
    static final List<String> TARGET_CLASSES = List.of(
            "piot.gateway.mesh.codec.CodecFuzzTest",
            "piot.gateway.router.RouterCodecFuzzTest",
            "piot.gateway.config.ConfigLoaderFuzzTest",
            "piot.gateway.uplink.CommandFuzzTest",
            "piot.gateway.status.ActionBodyFuzzTest",
            "piot.gateway.status.HttpRequestFuzzTest");

    static final List<Method> TARGETS = targets();

    static List<Method> targets() {
        List<Method> out = new ArrayList<>();
        for (String name : TARGET_CLASSES) {
            try {
                for (Method m : Class.forName(name).getDeclaredMethods()) {
                    if (m.isAnnotationPresent(FuzzTest.class)) {
                        m.setAccessible(true);
                        out.add(m);
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("fuzz target class " + name + " is gone; update TARGET_CLASSES", e);
            }
        }
        out.sort(Comparator.comparing((Method m) -> m.getDeclaringClass().getName()).thenComparing(Method::getName));
        return List.copyOf(out);
    }

    @Test
    void everyFuzzTargetClassIsListed() throws IOException {
        Path root = Path.of("src/test/java");
        Set<String> found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.filter(f -> f.toString().endsWith("FuzzTest.java")).filter(EveryDecoderFuzzTest::hasFuzzTest)
                    .map(f -> root.relativize(f).toString().replace(".java", "").replace(java.io.File.separatorChar, '.'))
                    .filter(c -> !c.equals(EveryDecoderFuzzTest.class.getName()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(found, new TreeSet<>(TARGET_CLASSES), "TARGET_CLASSES must name every class with a @FuzzTest");
    }

    private static boolean hasFuzzTest(Path f) {
        try {
            return Files.readString(f).contains("@FuzzTest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyTargetWithAnyInput(FuzzedDataProvider data) throws ReflectiveOperationException {
        Method m = TARGETS.get(data.consumeInt(0, TARGETS.size() - 1));
        Object input = m.getParameterTypes()[0] == byte[].class ? data.consumeRemainingAsBytes() : data;
        Constructor<?> c = m.getDeclaringClass().getDeclaredConstructor();
        c.setAccessible(true);
        try {
            m.invoke(c.newInstance(), input);
        } catch (InvocationTargetException e) {
            // The target's own failure, unwrapped so Jazzer reports it as if that target had been fuzzed.
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw e;
            }
        }
    }
}
