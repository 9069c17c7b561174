package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md, the reference of the HTTP API, and docs/openapi.yaml name the same operations; and the
 * README and docs link only to files inside the repository.
 */
class ApiReferenceDocTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path REFERENCE = ROOT.resolve("docs/api.md");
    private static final Path OPENAPI = ROOT.resolve("docs/openapi.yaml");
    /** A row of an endpoint table: {@code | POST | `/api/token/` | ...}. */
    private static final Pattern ENDPOINT_ROW = Pattern.compile("^\\| (GET|HEAD|POST|PUT|PATCH|DELETE) \\| `(/[^`]*)` \\|");
    /** A Markdown link's target. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static Set<String> inReference() throws IOException {
        Set<String> operations = new TreeSet<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher row = ENDPOINT_ROW.matcher(line);
            if (row.find()) {
                operations.add(row.group(1) + " " + row.group(2));
            }
        }
        return operations;
    }

    private static Set<String> inOpenApi() throws IOException {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(OPENAPI.toFile()).path("paths");
        Set<String> operations = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return operations;
    }

    @Test
    void theReferenceAndTheOpenApiDocumentNameTheSameOperations() throws IOException {
        assertThat(inOpenApi()).isNotEmpty();
        assertThat(inReference()).containsExactlyInAnyOrderElementsOf(inOpenApi());
    }

    @Test
    void readmeAndDocsLinkOnlyToFilesInsideTheRepository() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*") || target.startsWith("#")) {
                    continue; // a web address or an anchor on the same page
                }
                Path file = page.getParent().resolve(target.replaceAll("#.*$", "")).normalize();
                if (!file.startsWith(ROOT) || !Files.exists(file)) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links outside the repository or to missing files").isEmpty();
    }
}
