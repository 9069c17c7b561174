package dev.latchkey.core.crypto;

import dev.latchkey.core.port.PasswordHasher;

/**
 * A password hasher that does two pieces of work faster together than one after the other.
 * {@link BoundedPasswordHasher} hands it two at once whenever two are waiting.
 */
interface PairingPasswordHasher extends PasswordHasher {

    /** Does both pieces of work on the calling thread and answers each, with its failure if it fails. */
    void doTogether(PasswordWork<?> first, PasswordWork<?> second);
}
