package dev.latchkey.jdbi;

import java.nio.file.Path;
import java.util.Objects;

/** Where the database is and how many connections to keep to it. */
public record DatabaseSettings(String url, String user, String password, int poolSize) {

    /**
     * H2 options: PostgreSQL mode so one set of migrations serves both databases, and WRITE_DELAY=0
     * so that a commit is in the file before the call returns (the default delay could lose the last
     * half second of answered writes to a kill -9). DB_CLOSE_ON_EXIT=FALSE: H2's own exit hook would
     * close the database under requests still finishing during a graceful stop; closing the pool
     * after the last request closes it instead. CACHE_SIZE=8192 (KiB): an 8 MiB page cache instead of
     * 64 MiB keeps the server inside a small heap.
     *
     * <p>RETENTION_TIME=5000: every commit writes a new chunk of the file, and H2 keeps a replaced
     * chunk for this long before its space (and the memory describing it) is reused. H2's default of
     * 45 s trusts the operating system to have put newer chunks on the disk by then; under a few
     * thousand commits a second it meant ~100,000 chunks held, a data file of 2 GB and a heap spent in
     * full collections (docs/performance.md, change 15). Every write through {@link DatabaseGuard} is
     * synced to the disk before it is answered, so newer chunks are on the disk long before older
     * ones are overwritten.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=0;RETENTION_TIME=5000;CACHE_SIZE=8192;DB_CLOSE_ON_EXIT=FALSE";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    /** The embedded default: an H2 file database {@code latchkey} under {@code dataDir}. */
    public static DatabaseSettings h2File(Path dataDir) {
        return new DatabaseSettings("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("latchkey") + H2_OPTIONS,
                "sa", "", 10);
    }

    /** A private in-memory H2 database that lives while the pool is open: for tests and examples. */
    public static DatabaseSettings h2InMemory(String name) {
        return new DatabaseSettings("jdbc:h2:mem:" + name + H2_OPTIONS + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
