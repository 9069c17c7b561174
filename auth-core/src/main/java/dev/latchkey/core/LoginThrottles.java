package dev.latchkey.core;

import dev.latchkey.core.port.LoginThrottle;

/**
 * The throttles of password guessing: failures in a row per account and client address, failures
 * per client address across all accounts (a cap on spraying many usernames), and wrong current
 * passwords on password change per user (a stolen access token must not become a way to guess the
 * password at hashing speed).
 */
public record LoginThrottles(LoginThrottle perAccountAndAddress, LoginThrottle perAddress,
                             LoginThrottle perUserOnPasswordChange) {
}
