package dev.latchkey.app;

import dev.latchkey.core.Purge;
import dev.latchkey.core.RotateSigningKeys;
import dev.latchkey.core.port.AuditLog;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes what Latchkey no longer needs, so storage stays bounded: ended and expired sessions, expired
 * one-time tokens (and the hourly counts past their hour), audit
 * events older than {@code AUTH_AUDIT_RETENTION}, and on request signing keys retired long enough ago.
 */
final class Housekeeping {

    /** How much one purge deleted. */
    record Purged(int sessions, int oneTimeTokens, int auditEvents, int keys) {
    }

    private final Purge purge;
    private final AuditLog audit;
    private final RotateSigningKeys keys;
    private final Duration auditRetention;
    private final Clock clock;

    Housekeeping(Purge purge, AuditLog audit, RotateSigningKeys keys, Duration auditRetention, Clock clock) {
        this.purge = purge;
        this.audit = audit;
        this.keys = keys;
        this.auditRetention = auditRetention;
        this.clock = clock;
    }

    /** @param keysToo whether to drop expired signing keys as well (a key from a secret has none) */
    Purged purge(boolean keysToo) {
        int ended = purge.sessions();
        int tokens = purge.oneTimeLinks();
        int events = audit.purgeBefore(clock.instant().minus(auditRetention));
        int dropped = keysToo ? keys.dropExpired() : 0;
        return new Purged(ended, tokens, events, dropped);
    }
}
