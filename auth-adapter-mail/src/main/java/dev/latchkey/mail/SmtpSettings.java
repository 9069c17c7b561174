package dev.latchkey.mail;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach the SMTP server.
 *
 * @param security {@code STARTTLS} upgrades a plain connection and refuses a server that cannot;
 *                 {@code TLS} speaks TLS from the first byte (usually port 465); {@code NONE} sends in the clear
 * @param timeout  how long connecting, and each read or write, may take before the attempt fails
 */
public record SmtpSettings(String host, int port, Optional<String> user, Optional<String> password,
                           Security security, String from, Duration timeout) {

    public enum Security { STARTTLS, TLS, NONE }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", from " + from + "]";
    }
}
