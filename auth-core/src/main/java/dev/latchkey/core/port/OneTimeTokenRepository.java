package dev.latchkey.core.port;

import dev.latchkey.core.domain.OneTimeToken;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the one-time tokens of reset and verification links are kept, by their hash. Shared storage
 * makes every instance honour them, and a restart lose none.
 */
public interface OneTimeTokenRepository {

    void add(OneTimeToken token);

    /** The token stored under {@code hash} for {@code purpose}, if it is there and has not expired at {@code now}. */
    Optional<OneTimeToken> findUsable(String hash, OneTimeToken.Purpose purpose, Instant now);

    /**
     * Spends the token in one conditional step: true for exactly one caller, however many try at
     * once, and only while it is unexpired at {@code now}; false once spent, revoked or expired.
     */
    boolean spend(String hash, OneTimeToken.Purpose purpose, Instant now);

    /** Revokes every token of the user for {@code purpose}. @return how many */
    int removeAllOfUser(String userId, OneTimeToken.Purpose purpose);

    /** Deletes tokens that expired before {@code now}. @return how many */
    int purgeExpired(Instant now);
}
