package dev.latchkey.jdbi;

import org.flywaydb.core.api.resource.LoadableResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

    private final Migrations migrations = new Migrations();

    @Test
    void theListNamesEveryScriptUnderTheLocationAndNothingElse() throws IOException, URISyntaxException {
        URL location = getClass().getClassLoader().getResource(Migrations.LOCATION);
        assertThat(location).isNotNull();
        try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Migrations.SCRIPTS);
        }
    }

    @Test
    void versionedAndRepeatableScriptsAreFoundByTheirPrefixes() {
        assertThat(migrations.getResources("V", new String[] {".sql"}))
                .extracting(LoadableResource::getFilename)
                .hasSize(6).allMatch(name -> name.startsWith("V"));
        assertThat(migrations.getResources("R", new String[] {".sql"}))
                .extracting(LoadableResource::getFilename)
                .containsExactly("R__create_write_probe.sql");
        assertThat(migrations.getResources("V", new String[] {".java"})).isEmpty();
    }

    @Test
    void eachScriptReadsFromTheClassPath() throws IOException {
        for (String name : Migrations.SCRIPTS) {
            LoadableResource script = migrations.getResource(name);
            try (Reader reader = script.read()) {
                assertThat(reader.read()).as(name).isNotEqualTo(-1);
            }
            assertThat(script.getAbsolutePath()).isEqualTo("db/migration/" + name);
        }
        assertThat(migrations.getResource("V7__missing.sql")).isNull();
    }
}
