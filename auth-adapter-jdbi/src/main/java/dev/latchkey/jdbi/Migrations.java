package dev.latchkey.jdbi;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The schema's migration scripts, named here for Flyway, which otherwise finds them by walking every
 * entry of the class path: in the server's single jar that is some 18,000 entries, tens of
 * milliseconds of every start. A test keeps this list equal to the files under {@value #LOCATION}.
 */
final class Migrations implements ResourceProvider {

    static final String LOCATION = "db/migration";
    /** Every script under {@link #LOCATION}, in no particular order (Flyway orders them by version). */
    static final List<String> SCRIPTS = List.of(
            "V1__create_users.sql",
            "V2__create_sessions.sql",
            "V3__create_signing_keys.sql",
            "V4__create_audit_events.sql",
            "V5__create_one_time_tokens.sql",
            "V6__add_sessions_previous_refresh.sql",
            "R__create_write_probe.sql");

    @Override
    public LoadableResource getResource(String name) {
        return SCRIPTS.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return SCRIPTS.stream()
                .filter(name -> name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    /** One script, read from the class path. */
    private static final class Script extends LoadableResource {

        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = Migrations.class.getClassLoader().getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new UncheckedIOException(new FileNotFoundException(getAbsolutePath() + " is not on the class path"));
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return LOCATION + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
