package dev.latchkey.app;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** Runs the jar's commands in this process, as {@code main} would, with what they print captured. */
final class CliRunner {

    /** One command's exit status and output. */
    record Result(int status, String out, String err) {
    }

    private final Supplier<Config> settings;
    private final WiringSource wirings;
    private InputStream stdin = InputStream.nullInputStream();

    private CliRunner(Supplier<Config> settings, WiringSource wirings) {
        this.settings = settings;
        this.wirings = wirings;
    }

    /** Commands that read {@code env} as their settings and open (and close) the database themselves. */
    static CliRunner withSettings(Map<String, String> env) {
        Supplier<Config> settings = () -> Config.from(env);
        return new CliRunner(settings, WiringSource.opening(settings));
    }

    /** Commands on the parts of {@code server}, which runs in this process. */
    static CliRunner on(TestServer server) {
        Wiring wiring = server.running().wiring();
        return new CliRunner(() -> wiring.config, WiringSource.borrowing(wiring));
    }

    /** What the command reads on standard input. */
    CliRunner stdin(String text) {
        this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Result run(String... args) {
        CommandLine cli = Cli.commandLine(new ServeCommand(settings), wirings, stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Result(status, out.toString(), err.toString());
    }
}
