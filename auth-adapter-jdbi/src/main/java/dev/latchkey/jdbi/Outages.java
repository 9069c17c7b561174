package dev.latchkey.jdbi;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that is gone (unreachable, shut down, its storage failing) from a statement that
 * was refused, by what the drivers put in an exception's causes.
 */
final class Outages {

    /**
     * H2's error codes for a lost server connection (90067), a closed or closing database (90098,
     * 90121), and a store that cannot read or write its file (90028, 90031, 90030, 90100).
     */
    private static final Set<Integer> H2_OUTAGES = Set.of(90067, 90098, 90121, 90028, 90031, 90030, 90100);

    private Outages() {
    }

    /**
     * The database cannot serve: SQL state class 08 (connection exception), PostgreSQL's 57P01-57P03
     * (shut down, crashed, not accepting connections yet), one of H2's storage or connection codes, or
     * a pool timeout caused by failing to connect.
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() != null) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (H2_OUTAGES.contains(sql.getErrorCode())) {
                    return true;
                }
            }
            if (t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    /** Every connection of the pool was busy for as long as a request may wait: overload, not an outage. */
    static boolean isPoolExhausted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause, for a log line: the driver's or the file system's own words, never a statement's values. */
    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String state = root instanceof SQLException sql ? " [SQL state " + sql.getSQLState() + "]" : "";
        return root.getClass().getSimpleName() + ": " + root.getMessage() + state;
    }
}
