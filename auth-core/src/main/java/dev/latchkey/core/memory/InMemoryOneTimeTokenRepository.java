package dev.latchkey.core.memory;

import dev.latchkey.core.domain.OneTimeToken;
import dev.latchkey.core.port.OneTimeTokenRepository;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One-time tokens in memory, for embedders, tests and examples. Thread-safe; nothing survives a restart. */
public final class InMemoryOneTimeTokenRepository implements OneTimeTokenRepository {

    private final Map<String, OneTimeToken> byHash = new HashMap<>();

    @Override
    public synchronized void add(OneTimeToken token) {
        byHash.put(token.hash(), token);
    }

    @Override
    public synchronized Optional<OneTimeToken> findUsable(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return Optional.ofNullable(byHash.get(hash)).filter(t -> t.purpose() == purpose && t.isUsableAt(now));
    }

    @Override
    public synchronized boolean spend(String hash, OneTimeToken.Purpose purpose, Instant now) {
        return findUsable(hash, purpose, now).map(t -> byHash.remove(hash)).isPresent();
    }

    @Override
    public synchronized int removeAllOfUser(String userId, OneTimeToken.Purpose purpose) {
        int before = byHash.size();
        byHash.values().removeIf(t -> t.userId().equals(userId) && t.purpose() == purpose);
        return before - byHash.size();
    }

    @Override
    public synchronized int purgeExpired(Instant now) {
        int before = byHash.size();
        byHash.values().removeIf(t -> !t.isUsableAt(now));
        return before - byHash.size();
    }
}
