package dev.latchkey.core;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.EndReason;
import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.UserRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Stops an account from logging in and ends its sessions; its tokens stop working at once here, and
 * so do its reset links.
 */
public final class DeactivateAccount {

    private final UserRepository users;
    private final SessionEnd sessionEnd;
    private final OneTimeLinks links;
    private final AuditLog audit;
    private final Clock clock;

    DeactivateAccount(UserRepository users, SessionEnd sessionEnd, OneTimeLinks links, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessionEnd = sessionEnd;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return false when there is no such user */
    public boolean deactivate(String userId) {
        if (!users.setActive(userId, false)) {
            return false;
        }
        links.revoke(userId, OneTimeToken.Purpose.PASSWORD_RESET);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String> ended = sessionEnd.allOf(userId, null, now, EndReason.USER_DEACTIVATED, ClientInfo.unknown());
        audit.record(AuditEvent.of(now, AuditEvent.Type.USER_DEACTIVATED, userId, null, ClientInfo.unknown(),
                ended.size() + " session(s) ended"));
        return true;
    }
}
