package dev.latchkey.core.port;

import dev.latchkey.core.domain.SigningKey;

import java.time.Instant;
import java.util.List;

/** Where signing keys are kept, so every instance sharing the storage signs and verifies alike. */
public interface SigningKeyRepository {

    /** All stored keys, newest first. */
    List<SigningKey> findAll();

    void add(SigningKey key);

    /** Marks every key but {@code currentKid} that is not retired yet as retired at {@code at}. */
    void retireAllExcept(String currentKid, Instant at);

    /** Deletes keys retired before {@code cutoff}. @return how many */
    int deleteRetiredBefore(Instant cutoff);
}
