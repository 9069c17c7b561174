package dev.latchkey.core.port;

/** Turns passwords into stored hashes and checks them; the only place a password meets a hash. */
public interface PasswordHasher {

    String hash(String password);

    boolean verify(String password, String hash);

    /** Whether {@code hash} was made with weaker settings than the hasher uses now. */
    boolean needsRehash(String hash);
}
