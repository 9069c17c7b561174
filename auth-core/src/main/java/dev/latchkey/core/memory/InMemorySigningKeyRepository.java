package dev.latchkey.core.memory;

import dev.latchkey.core.domain.SigningKey;
import dev.latchkey.core.port.SigningKeyRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Signing keys in memory: each start makes new keys, so tokens do not survive a restart. */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {

    private final List<SigningKey> keys = new ArrayList<>();

    @Override
    public synchronized List<SigningKey> findAll() {
        return keys.stream()
                .sorted(Comparator.comparing(SigningKey::createdAt).reversed().thenComparing(SigningKey::kid))
                .toList();
    }

    @Override
    public synchronized void add(SigningKey key) {
        if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
            throw new IllegalStateException("kid already used");
        }
        keys.add(key);
    }

    @Override
    public synchronized void retireAllExcept(String currentKid, Instant at) {
        keys.replaceAll(k -> k.kid().equals(currentKid) || k.isRetired()
                ? k
                : new SigningKey(k.kid(), k.algorithm(), k.jwk(), k.createdAt(), at));
    }

    @Override
    public synchronized int deleteRetiredBefore(Instant cutoff) {
        int before = keys.size();
        keys.removeIf(k -> k.isRetired() && k.retiredAt().isBefore(cutoff));
        return before - keys.size();
    }
}
