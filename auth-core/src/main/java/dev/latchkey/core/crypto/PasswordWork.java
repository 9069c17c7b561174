package dev.latchkey.core.crypto;

import dev.latchkey.core.port.PasswordHasher;

import java.util.concurrent.CompletableFuture;

/**
 * One piece of hashing work waiting for a hashing thread: a new hash of a password, or a check of a
 * password against its stored hash, and the place its answer goes.
 *
 * @param <T> the answer: the new hash, or whether the password matched
 */
abstract sealed class PasswordWork<T> permits PasswordWork.NewHash, PasswordWork.Check {

    private final String password;
    private final CompletableFuture<T> answer = new CompletableFuture<>();

    private PasswordWork(String password) {
        this.password = password;
    }

    final String password() {
        return password;
    }

    final CompletableFuture<T> answer() {
        return answer;
    }

    /** Does the work with {@code hasher}, on this thread, and answers (with the failure, if it fails). */
    final void doAlone(PasswordHasher hasher) {
        try {
            answer.complete(compute(hasher));
        } catch (RuntimeException | Error e) {
            answer.completeExceptionally(e);
        }
    }

    abstract T compute(PasswordHasher hasher);

    /** Names the kind of work only: a password or hash never goes into a log line. */
    @Override
    public final String toString() {
        return getClass().getSimpleName();
    }

    static final class NewHash extends PasswordWork<String> {
        NewHash(String password) {
            super(password);
        }

        @Override
        String compute(PasswordHasher hasher) {
            return hasher.hash(password());
        }
    }

    static final class Check extends PasswordWork<Boolean> {
        private final String hash;

        Check(String password, String hash) {
            super(password);
            this.hash = hash;
        }

        String hash() {
            return hash;
        }

        @Override
        Boolean compute(PasswordHasher hasher) {
            return hasher.verify(password(), hash);
        }
    }
}
