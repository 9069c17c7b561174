package dev.latchkey.app;

import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Where a command gets the wired parts: opened for it from the settings and closed after it, or
 * borrowed from a server running in this process (which keeps them open).
 */
interface WiringSource {

    /** Runs {@code job} with the parts; its result is the command's exit status. */
    int run(ToIntFunction<Wiring> job);

    /**
     * A fresh {@link Wiring} per job. On H2 this fails while a server in another process holds the
     * database file: H2 allows one process at a time.
     */
    static WiringSource opening(Supplier<Config> settings) {
        return job -> {
            Config config = settings.get();
            Wiring wiring;
            try {
                wiring = Wiring.of(config);
            } catch (RuntimeException e) {
                if (!config.usesPostgres() && isH2FileInUse(e)) {
                    throw new CommandFailure("The H2 database under " + config.dataDir().toAbsolutePath()
                            + " is in use, most likely by a running server, and H2 allows one process."
                            + " Stop the server and run the command again.");
                }
                throw e;
            }
            try (wiring) {
                return job.applyAsInt(wiring);
            }
        };
    }

    /** The parts of a server running in this process; its session cache learns of every change at once. */
    static WiringSource borrowing(Wiring running) {
        return job -> job.applyAsInt(running);
    }

    private static boolean isH2FileInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // 90020: H2's "Database may be already in use".
            if (t instanceof SQLException sql && sql.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }
}
