package dev.latchkey.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The jar's command line: {@code serve} (the default), {@code migrate}, {@code create-user},
 * {@code deactivate-user}, {@code rotate-keys}, {@code purge}. Exit status 0 done, 1 failed, 2 bad
 * usage or a bad setting (one line naming the variable).
 */
@Command(name = "auth-app.jar",
        description = "Latchkey: a JWT authentication server.",
        synopsisSubcommandLabel = "[COMMAND]",
        footer = {"", "Settings come from AUTH_* environment variables; see README.md.",
                "Exit status: 0 done, 1 failed, 2 bad usage or a bad setting."})
final class Cli implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    private boolean help;

    private final ServeCommand serve;

    private Cli(ServeCommand serve) {
        this.serve = serve;
    }

    /** With no command, serve. */
    @Override
    public Integer call() {
        return serve.call();
    }

    /** The commands, reading their settings from {@code settings} only when one runs. */
    static CommandLine commandLine(Supplier<Config> settings, InputStream stdin) {
        WiringSource wirings = WiringSource.opening(settings);
        ServeCommand serve = new ServeCommand(settings);
        return commandLine(serve, wirings, stdin);
    }

    /** The commands on {@code wirings}, e.g. those of a server running in this process. */
    static CommandLine commandLine(ServeCommand serve, WiringSource wirings, InputStream stdin) {
        CommandLine cli = new CommandLine(new Cli(serve))
                .addSubcommand(serve)
                .addSubcommand(new MigrateCommand(wirings))
                .addSubcommand(new CreateUserCommand(wirings, stdin))
                .addSubcommand(new DeactivateUserCommand(wirings))
                .addSubcommand(new RotateKeysCommand(wirings))
                .addSubcommand(new PurgeCommand(wirings));
        cli.setExecutionExceptionHandler(Cli::failed);
        return cli;
    }

    /** Serves, as the command line with no arguments does, and fails the same way, without picocli. */
    static int serve(Supplier<Config> settings) {
        try {
            return new ServeCommand(settings).call();
        } catch (Config.BadSetting | CommandFailure e) {
            System.err.println(e.getMessage());
            return e instanceof Config.BadSetting ? EXIT_USAGE : EXIT_FAILED;
        } catch (RuntimeException e) {
            log.error("Latchkey could not serve", e);
            return EXIT_FAILED;
        }
    }

    /**
     * The settings of this process, read once, when the first command needs them; reading them also
     * sets the log format, before anything else is logged.
     */
    static Supplier<Config> fromEnvironment() {
        return new Supplier<>() {
            private Config config;

            @Override
            public synchronized Config get() {
                if (config == null) {
                    config = Config.fromEnvironment();
                    config.logFormat().use();
                }
                return config;
            }
        };
    }

    private static int failed(Exception e, CommandLine command, ParseResult parsed) {
        if (e instanceof Config.BadSetting bad) {
            command.getErr().println(bad.getMessage());
            return EXIT_USAGE;
        }
        if (e instanceof CommandFailure failure) {
            command.getErr().println(failure.getMessage());
            return EXIT_FAILED;
        }
        log.error("Latchkey could not {}", command.getCommandName(), e);
        return EXIT_FAILED;
    }
}
