package dev.latchkey.core;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.Caller;
import dev.latchkey.core.domain.User;
import dev.latchkey.core.port.SessionGate;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** The account behind an authenticated request. */
public final class CurrentUser {

    private final SessionGate gate;
    private final Clock clock;

    CurrentUser(SessionGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    /**
     * The caller's account as the session gate knows it: on a server that caches, it may be up to
     * the cache's lifetime old (only {@code lastLogin} can change meanwhile).
     *
     * @throws AuthFailure.TokenRejected when the session or the user is no longer active
     */
    public User of(Caller caller) {
        return gate.userOfOpenSession(caller.sessionId(), caller.userId(), clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .orElseThrow(() -> new AuthFailure.TokenRejected("session or user not active"));
    }
}
