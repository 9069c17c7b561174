package dev.latchkey.core.port;

import java.util.UUID;

/** Turns passwords into stored hashes and checks them; the only place a password meets a hash. */
public interface PasswordHasher {

    String hash(String password);

    boolean verify(String password, String hash);

    /** Whether {@code hash} was made with weaker settings than the hasher uses now. */
    boolean needsRehash(String hash);

    /**
     * A hash that no password matches and whose check costs what checking a real hash costs: what a
     * password typed for an account that does not exist is checked against, so that a log-in's time
     * does not tell who has an account. By default a hash of a random password; a hasher that can
     * write one without hashing (bcrypt: a random salt and result at its cost) does.
     */
    default String unknownAccountHash() {
        return hash(UUID.randomUUID().toString());
    }
}
