package dev.latchkey.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * How log lines look ({@code AUTH_LOG_FORMAT}): {@code text} as {@link LogConfigurator} sets it up, or one JSON
 * object per line, with the request log's and the audit log's key-value pairs as fields.
 */
enum LogFormat {
    TEXT,
    JSON;

    /** The console appender of {@link LogConfigurator}, behind the async one; {@link #use} swaps its encoder. */
    private static final String APPENDER = LogConfigurator.CONSOLE;
    private static final String ASYNC = LogConfigurator.ASYNC;

    /** Makes every logger of this process write in this format from now on. */
    void use() {
        if (this == TEXT) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return; // another backend (an embedder's): its own configuration decides
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(ASYNC) instanceof AsyncAppender async)
                || !(async.getAppender(APPENDER) instanceof ConsoleAppender<ILoggingEvent> console)) {
            return;
        }
        JsonLogLayout layout = new JsonLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        console.stop();
        console.setEncoder(encoder);
        console.start();
    }
}
