package dev.latchkey.app;

/** A command could not do its job for a reason the operator can act on; the message says which. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message, null, false, false);
    }
}
