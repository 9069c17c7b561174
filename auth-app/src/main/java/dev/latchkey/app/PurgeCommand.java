package dev.latchkey.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "purge", description = {
        "Delete ended and expired sessions, expired reset and verification tokens, audit events older than AUTH_AUDIT_RETENTION and expired"
                + " signing keys, then exit. A running server does the first three every AUTH_PURGE_INTERVAL."})
final class PurgeCommand implements Callable<Integer> {

    private final WiringSource wirings;
    @Spec
    private CommandSpec spec;

    PurgeCommand(WiringSource wirings) {
        this.wirings = wirings;
    }

    @Override
    public Integer call() {
        return wirings.run(wiring -> {
            Housekeeping.Purged purged = wiring.housekeeping.purge(true);
            spec.commandLine().getOut().println("Purged " + purged.sessions() + " session(s), "
                    + purged.oneTimeTokens() + " expired one-time token(s), " + purged.auditEvents()
                    + " audit event(s) and " + purged.keys() + " signing key(s).");
            return Cli.EXIT_OK;
        });
    }
}
