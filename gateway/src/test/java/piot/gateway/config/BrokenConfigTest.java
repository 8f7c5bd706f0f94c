package piot.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken device files: each has one mistake, and {@code NAME.expect} beside it holds
 * exactly the {@code LINE:COLUMN: message} lines {@code piot validate} must print for it.
 */
class BrokenConfigTest {
    static final Path CORPUS = Path.of("src/test/resources/config/broken");

    static Stream<Path> brokenFiles() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        assertTrue(brokenFiles().count() >= 40, "at least 40 broken files");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void eachBrokenFileIsRejectedWithExactlyItsExpectedProblems(Path file) throws IOException {
        Path expectFile = file.resolveSibling(file.getFileName().toString().replace(".yaml", ".expect"));
        List<String> expected = Files.readAllLines(expectFile, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).map(l -> file + ":" + l).toList();
        LoadResult result = ConfigLoader.load(file);
        LoadResult.Invalid invalid = assertInstanceOf(LoadResult.Invalid.class, result, file + " must be rejected");
        assertEquals(expected, invalid.problems().stream().map(ConfigProblem::toString).toList());
    }
}
