package dev.latchkey.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "serve", description = {
        "Run the server (the default command).",
        "SIGTERM or Ctrl-C: stop taking connections, finish the requests in flight (up to AUTH_SHUTDOWN_TIMEOUT),"
                + " close the database, exit 0."})
final class ServeCommand implements Callable<Integer> {

    private final Supplier<Config> settings;

    ServeCommand(Supplier<Config> settings) {
        this.settings = settings;
    }

    @Option(names = "--check", description = {
            "Start, answer a health check and a refused login over HTTP, then stop: exit 0 when healthy.",
            "Also the training run for a class-data archive (-XX:ArchiveClassesAtExit), see README."})
    boolean check;

    @Override
    public Integer call() {
        Main.Running running = Main.serve(settings.get());
        if (check) {
            try {
                return selfCheck(running.port()) ? Cli.EXIT_OK : Cli.EXIT_FAILED;
            } finally {
                running.stop();
            }
        }
        StopSignals.onStop(running::stop);
        running.awaitStopped();
        return Cli.EXIT_OK;
    }

    /** The paths a real start goes through first: health, and a login refused as invalid input. */
    private static boolean selfCheck(int port) {
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            client.send(HttpRequest.newBuilder(base.resolve("/api/token/"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"username\": 1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
