package dev.latchkey.app;

import dev.latchkey.core.domain.AuthFailure;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.User;
import dev.latchkey.http.ValidationMessages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "create-user", description = {
        "Open an account, with the same rules as registration, and exit.",
        "The password is asked for twice on the terminal, or read from the first line of standard input."})
final class CreateUserCommand implements Callable<Integer> {

    /** Who the audit trail says opened the account. */
    static final ClientInfo OPERATOR = new ClientInfo(null, "latchkey create-user");

    @Option(names = "--username", required = true, paramLabel = "NAME", description = "The username.")
    private String username;
    @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The e-mail address.")
    private String email;
    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    private boolean passwordFromStdin;
    @Spec
    private CommandSpec spec;

    private final WiringSource wirings;
    private final InputStream stdin;

    CreateUserCommand(WiringSource wirings, InputStream stdin) {
        this.wirings = wirings;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        String[] password = passwordFromStdin ? fromStdin() : prompted();
        Registration registration = new Registration(username, email, password[0], password[1]);
        return wirings.run(wiring -> {
            PrintWriter err = spec.commandLine().getErr();
            try {
                User user = wiring.latchkey.register().register(registration, OPERATOR);
                spec.commandLine().getOut().println("Created user " + user.username().value() + " (" + user.id() + ").");
                return Cli.EXIT_OK;
            } catch (AuthFailure.ValidationFailed refused) {
                // Worded as the HTTP API words them, so that an operator reads what a client would.
                refused.violations().forEach(v -> err.println(ValidationMessages.jsonName(v.field()) + ": " + ValidationMessages.message(v)));
                return Cli.EXIT_FAILED;
            } catch (AuthFailure.Unavailable busy) {
                err.println("Password hashing is saturated; try again.");
                return Cli.EXIT_FAILED;
            }
        });
    }

    /** The first line, as typed: the same text as password and confirmation. */
    private String[] fromStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            return new String[] {line, line};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password from standard input", e);
        }
    }

    private String[] prompted() {
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(),
                    "No terminal to ask for the password on: pass it on standard input with --password-stdin.");
        }
        char[] password = console.readPassword("Password: ");
        char[] again = console.readPassword("Password (again): ");
        return new String[] {password == null ? null : new String(password), again == null ? null : new String(again)};
    }
}
