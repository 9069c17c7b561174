package dev.latchkey.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "migrate", description = "Migrate the database schema and exit.")
final class MigrateCommand implements Callable<Integer> {

    private final WiringSource wirings;
    @Spec
    private CommandSpec spec;

    MigrateCommand(WiringSource wirings) {
        this.wirings = wirings;
    }

    @Override
    public Integer call() {
        // Opening the database migrates it.
        return wirings.run(wiring -> {
            spec.commandLine().getOut().println("Database is migrated.");
            return Cli.EXIT_OK;
        });
    }
}
