package dev.latchkey.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The programs of docs/embedding.md run, and the document shows them exactly as they are. */
class ExamplesTest {

    private static final Path SOURCES = Path.of("src", "test", "java", "dev", "latchkey", "examples");
    private static final Path GUIDE = Path.of("..", "docs", "embedding.md");

    private static String printedBy(Runnable main) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inMemoryExampleLogsInAndOut() {
        assertThat(printedBy(() -> InMemoryExample.main(new String[0]))).contains("logged in and out as alice");
    }

    @Test
    void jdbiExampleLogsInAndOut() {
        assertThat(printedBy(() -> JdbiExample.main(new String[0]))).contains("logged in and out as alice");
    }

    /** Lines a reader has to read: neither blank, nor an import, nor a comment. */
    private static List<String> codeLines(String source) {
        return source.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("//")
                        && !line.startsWith("/*") && !line.startsWith("*"))
                .toList();
    }

    @Test
    void firstProgramFitsInTwentyFiveLinesOfCode() throws IOException {
        assertThat(codeLines(Files.readString(SOURCES.resolve("InMemoryExample.java")))).hasSizeLessThanOrEqualTo(25);
    }

    @Test
    void firstProgramNeedsNothingButTheCore() throws IOException {
        assertThat(Files.readString(SOURCES.resolve("InMemoryExample.java")).lines()
                .filter(line -> line.startsWith("import ")))
                .allSatisfy(line -> assertThat(line).matches("import (static )?(dev\\.latchkey\\.core|java)\\..*"));
    }

    @Test
    void guideShowsBothExamplesVerbatim() throws IOException {
        String guide = Files.readString(GUIDE);

        assertThat(guide).contains(Files.readString(SOURCES.resolve("InMemoryExample.java")).strip());
        assertThat(guide).contains(Files.readString(SOURCES.resolve("JdbiExample.java")).strip());
    }
}
