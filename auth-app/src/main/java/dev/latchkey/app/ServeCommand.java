package dev.latchkey.app;

import picocli.CommandLine.Command;

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

    @Override
    public Integer call() {
        Main.Running running = Main.serve(settings.get());
        StopSignals.onStop(running::stop);
        running.awaitStopped();
        return Cli.EXIT_OK;
    }
}
