package dev.latchkey.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;

/**
 * One log event as one line of JSON: {@code ts}, {@code level}, {@code logger}, {@code thread},
 * {@code msg}, then each key-value pair of the event as a field of its own, and {@code error} with
 * the stack trace when there is one. Small enough to need no JSON library.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256).append('{');
        field(line, "ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(line, "level", event.getLevel().toString());
        field(line, "logger", event.getLoggerName());
        field(line, "thread", event.getThreadName());
        field(line, "msg", event.getFormattedMessage());
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                field(line, pair.key, pair.value);
            }
        }
        if (event.getThrowableProxy() != null) {
            field(line, "error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return line.append('}').append(System.lineSeparator()).toString();
    }

    private static void field(StringBuilder line, String key, Object value) {
        if (line.length() > 1) {
            line.append(',');
        }
        quote(line, key).append(':');
        if (value == null) {
            line.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            line.append(value);
        } else {
            quote(line, value.toString());
        }
    }

    private static StringBuilder quote(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}
