package dev.latchkey.core.port;

import java.time.Instant;

/**
 * The keys tokens are signed with, as key rotation sees them: a newest key that signs, older ones
 * that still verify until they are dropped. A key taken from configuration (a shared secret) does
 * not rotate, and then every change here is refused.
 */
public interface KeyRing {

    /** Whether keys are stored, so that they can rotate; false for a key taken from configuration. */
    boolean rotates();

    /** The signing algorithm's name, e.g. {@code ES256}. */
    String algorithm();

    /**
     * Makes a new key current for every instance sharing the storage; the others are retired and keep
     * verifying until dropped.
     *
     * @return the new key's id (public: it is in every token it signs)
     * @throws IllegalStateException where keys do not rotate
     */
    String rotate();

    /** Deletes keys retired before {@code cutoff}. @return how many; 0 where keys do not rotate */
    int dropRetiredBefore(Instant cutoff);

    /** Reads the stored keys again, so that a rotation made elsewhere takes effect here. */
    void reload();
}
