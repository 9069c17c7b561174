package dev.latchkey.app;

import dev.latchkey.core.domain.User;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "deactivate-user", description = {
        "Stop an account from logging in and end every session of it, then exit.",
        "Its tokens stop working at once on this database; other running instances notice within"
                + " AUTH_SESSION_CACHE_TTL."})
final class DeactivateUserCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;
    @Spec
    private CommandSpec spec;

    private final WiringSource wirings;

    DeactivateUserCommand(WiringSource wirings) {
        this.wirings = wirings;
    }

    /** Exactly one way to name the account. */
    static final class Target {
        @Option(names = "--username", required = true, paramLabel = "NAME", description = "The account's username (any case).")
        private String username;
        @Option(names = "--id", required = true, paramLabel = "ID", description = "The account's id.")
        private String id;
    }

    @Override
    public Integer call() {
        return wirings.run(wiring -> {
            Optional<String> userId = target.id != null
                    ? Optional.of(target.id)
                    : wiring.latchkey.findUser().byUsername(target.username).map(User::id);
            if (userId.isEmpty() || !wiring.latchkey.deactivate().deactivate(userId.get())) {
                spec.commandLine().getErr().println("No user with " + (target.id != null
                        ? "id " + target.id : "username " + target.username) + ".");
                return Cli.EXIT_FAILED;
            }
            spec.commandLine().getOut().println("User " + userId.get() + " is deactivated; its sessions are ended.");
            return Cli.EXIT_OK;
        });
    }
}
