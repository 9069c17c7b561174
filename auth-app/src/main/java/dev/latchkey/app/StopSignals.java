package dev.latchkey.app;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop. Without a handler the JVM would run its shutdown hooks
 * concurrently and exit with status 143; with one, the server stops in order and exits 0.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Runs {@code stop} on its own thread when the process is asked to stop. */
    static void onStop(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            // The JVM runs each signal's handler on a new thread, so stop may take its time.
            Signal.handle(new Signal(name), signal -> stop.run());
        }
    }
}
