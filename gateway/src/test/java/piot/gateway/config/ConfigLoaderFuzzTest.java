package piot.gateway.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;

/** The config parser takes any bytes: it returns a config or located problems, and never throws. */
class ConfigLoaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyBytesGiveAConfigOrProblems(byte[] input) {
        LoadResult result = ConfigLoader.parse(Path.of("fuzz.yaml"), input);
        switch (result) {
            case LoadResult.Loaded loaded -> assertNotNull(loaded.config().node());
            case LoadResult.Invalid invalid -> invalid.problems().forEach(p -> {
                assertFalse(p.line() < 1 || p.column() < 1, p.toString());
                assertFalse(p.message().isBlank(), p.toString());
            });
        }
    }
}
