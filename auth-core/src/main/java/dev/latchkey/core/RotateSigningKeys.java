package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.KeyRing;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Key rotation: a new signing key for every instance, recorded in the audit trail; retired keys
 * dropped once no token they signed can still be valid; and picking up a rotation made elsewhere.
 */
public final class RotateSigningKeys {

    private final KeyRing keys;
    private final AuditLog audit;
    private final Duration longestTokenLifetime;
    private final Clock clock;

    /** @param longestTokenLifetime how long a token may live at most: retired keys are kept that long */
    public RotateSigningKeys(KeyRing keys, AuditLog audit, Duration longestTokenLifetime, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.longestTokenLifetime = Objects.requireNonNull(longestTokenLifetime, "longestTokenLifetime");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether keys can rotate here; false where the key is a secret from configuration. */
    public boolean applies() {
        return keys.rotates();
    }

    /**
     * Makes a new key current and records it (its id, never the key).
     *
     * @return the new key's id
     * @throws IllegalStateException where keys do not rotate ({@link #applies()} is false)
     */
    public String rotate() {
        if (!keys.rotates()) {
            throw new IllegalStateException("the signing key comes from configuration and does not rotate");
        }
        String kid = keys.rotate();
        audit.record(new AuditEvent(clock.instant().truncatedTo(ChronoUnit.MILLIS), AuditEvent.Type.KEY_ROTATED,
                null, null, null, null, keys.algorithm() + " key " + kid));
        return kid;
    }

    /** Deletes retired keys no valid token can have been signed with. @return how many; 0 where keys do not rotate */
    public int dropExpired() {
        return keys.rotates() ? keys.dropRetiredBefore(clock.instant().minus(longestTokenLifetime)) : 0;
    }

    /** Picks up a rotation made by another instance; does nothing where keys do not rotate. */
    public void reload() {
        if (keys.rotates()) {
            keys.reload();
        }
    }
}
