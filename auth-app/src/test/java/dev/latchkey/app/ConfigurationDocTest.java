package dev.latchkey.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/configuration.md lists exactly the variables the server reads, with the code's defaults. */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(AUTH_[A-Z_]+)` \\| ([^|]+) \\|");

    private static Map<String, String> documented() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                String cell = row.group(2).strip();
                defaults.put(row.group(1), cell.startsWith("`") ? cell.replace("`", "") : "");
            }
        }
        return defaults;
    }

    @Test
    void everyVariableTheServerReadsIsDocumentedAndNoOther() throws IOException {
        assertThat(documented().keySet()).containsExactlyInAnyOrderElementsOf(Config.DEFAULTS.keySet());
    }

    @Test
    void documentedDefaultsAreTheCodesDefaults() throws IOException {
        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(Config.DEFAULTS);
    }
}
