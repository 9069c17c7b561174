package dev.latchkey.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "rotate-keys", description = {
        "Make a new signing key current for every instance and drop expired ones, then exit.",
        "Tokens signed with the retired key stay valid until they expire."})
final class RotateKeysCommand implements Callable<Integer> {

    private final WiringSource wirings;
    @Spec
    private CommandSpec spec;

    RotateKeysCommand(WiringSource wirings) {
        this.wirings = wirings;
    }

    @Override
    public Integer call() {
        return wirings.run(wiring -> {
            if (!wiring.keyRotation.applies()) {
                throw new CommandFailure("With AUTH_JWT_ALG=HS256 the key is AUTH_JWT_SECRET: rotate by changing it on"
                        + " every instance (every token then stops working).");
            }
            String kid = wiring.keyRotation.rotate();
            int dropped = wiring.keyRotation.dropExpired();
            spec.commandLine().getOut().println("New signing key " + kid + " is current; " + dropped + " expired key(s) dropped.");
            return Cli.EXIT_OK;
        });
    }
}
