package dev.latchkey.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging, set up in code (found by logback as a service) rather than from an XML file,
 * which took about a quarter of a second of start-up to parse. Lines go to the console through a
 * background thread, so a request never waits for the console; if the console falls
 * {@value #QUEUE} lines behind under extreme load, further lines are dropped rather than slowing
 * requests down (audit events are in the database as well). {@code AUTH_LOG_FORMAT=json} swaps the
 * console appender's encoder at start ({@link LogFormat}). With {@code -Dlogback.configurationFile=…}
 * that file replaces all of this.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    static final String CONSOLE = "console";
    static final String ASYNC = "async";
    private static final int QUEUE = 8192;
    /** %kvp: the key-value pairs of the request log (latchkey.http) and the audit log (latchkey.audit). */
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level [%thread] %logger{36} - %msg %kvp%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setEncoder(encoder);
        console.start();

        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(ASYNC);
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(console);
        async.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(async);

        // On exit, the lines still queued are written before the process ends.
        DefaultShutdownHook hook = new DefaultShutdownHook();
        hook.setContext(context);
        Thread thread = new Thread(hook, "logback-shutdown-hook");
        context.putObject(CoreConstants.SHUTDOWN_HOOK_THREAD, thread);
        Runtime.getRuntime().addShutdownHook(thread);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
