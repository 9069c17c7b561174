package dev.latchkey.core.domain;

/** Where a login or refresh comes from, as far as the server can tell; shown in the session list. */
public record ClientInfo(String ip, String userAgent) {

    public static final int MAX_USER_AGENT_LENGTH = 512;

    public ClientInfo {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
        }
    }

    public static ClientInfo unknown() {
        return new ClientInfo(null, null);
    }
}
