package dev.latchkey.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonLogLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final JsonLogLayout layout = new JsonLogLayout();

    private LoggingEvent event(String message, Throwable error, Object... params) {
        LoggingEvent event = new LoggingEvent("test", context.getLogger("latchkey.http"), Level.INFO, message, error, params);
        event.setTimeStamp(1_772_359_200_123L);
        event.setThreadName("worker-1");
        return event;
    }

    private JsonNode layOut(LoggingEvent event) throws Exception {
        String line = layout.doLayout(event);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
        return Api.JSON.readTree(line);
    }

    @Test
    void eventIsOneObjectWithTimeLevelLoggerThreadAndMessage() throws Exception {
        JsonNode line = layOut(event("answered {}", null, 42));

        assertThat(line.path("ts").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("logger").asText()).isEqualTo("latchkey.http");
        assertThat(line.path("thread").asText()).isEqualTo("worker-1");
        assertThat(line.path("msg").asText()).isEqualTo("answered 42");
    }

    @Test
    void keyValuePairsBecomeFieldsNumbersStayNumbers() throws Exception {
        LoggingEvent event = event("request", null);
        event.setKeyValuePairs(List.of(new KeyValuePair("route", "/api/token"), new KeyValuePair("status", 200),
                new KeyValuePair("duration_ms", 12.5), new KeyValuePair("detail", null)));

        JsonNode line = layOut(event);

        assertThat(line.path("route").asText()).isEqualTo("/api/token");
        assertThat(line.path("status").isInt()).isTrue();
        assertThat(line.path("duration_ms").asDouble()).isEqualTo(12.5);
        assertThat(line.path("detail").isNull()).isTrue();
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() throws Exception {
        String awkward = "say \"hi\"\\ then\nnew line\ttab\u0001bell\u2028";
        LoggingEvent event = event(awkward, null);
        event.setKeyValuePairs(List.of(new KeyValuePair("user_agent", awkward)));

        JsonNode line = layOut(event);

        assertThat(line.path("msg").asText()).isEqualTo(awkward);
        assertThat(line.path("user_agent").asText()).isEqualTo(awkward);
    }

    @Test
    void stackTraceGoesIntoTheErrorFieldOnTheSameLine() throws Exception {
        JsonNode line = layOut(event("failed", new IllegalStateException("boom")));

        assertThat(line.path("error").asText()).startsWith("java.lang.IllegalStateException: boom").contains("\tat ");
    }
}
