package dev.latchkey.core.domain;

/** Why a session ended; kept with the session for audit and shown in operations. */
public enum EndReason {
    LOGOUT,
    LOGOUT_ALL,
    ENDED_BY_USER,
    REFRESH_REUSE,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    USER_DEACTIVATED
}
