package dev.latchkey.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.domain.AuditEvent.Type;
import dev.latchkey.jdbi.JdbiAuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail of requests over HTTP: stored in the database before the answer, and logged. */
class AuditTrailE2ETest {

    private final TestServer server = TestServer.start();
    private final Logger auditLogger = (Logger) LoggerFactory.getLogger("latchkey.audit");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    AuditTrailE2ETest() {
        lines.start();
        auditLogger.addAppender(lines);
    }

    @AfterEach
    void stop() {
        auditLogger.detachAppender(lines);
        server.stop();
    }

    private List<AuditEvent> storedEventsOf(String userId) {
        return new JdbiAuditLog(server.running().wiring().database.jdbi()).findByUser(userId, 100);
    }

    @Test
    void aUsersDayIsInTheTrailInOrderWithTheClient() {
        Api api = server.api();
        NewUser user = NewUser.unique();
        String id = api.registered(user);
        assertThat(api.logIn(user, "phone/1.0").status()).isEqualTo(200);
        api.logIn(user.withPassword("Wrong!" + user.password())).assertProblem(401, "invalid_credentials");
        Tokens tokens = api.loggedIn(user);
        api.refreshed(tokens.refresh());
        api.refresh(tokens.refresh()).assertProblem(401, "token_not_valid");

        assertThat(storedEventsOf(id)).extracting(AuditEvent::type).containsExactly(
                Type.USER_CREATED, Type.EMAIL_VERIFICATION_SENT, Type.LOGIN_OK, Type.LOGIN_FAILED, Type.LOGIN_OK, Type.REFRESH_REUSE, Type.SESSION_ENDED);
        assertThat(storedEventsOf(id).get(2)).satisfies(login -> {
            assertThat(login.ip()).isEqualTo("127.0.0.1");
            assertThat(login.userAgent()).isEqualTo("phone/1.0");
            assertThat(login.sessionId()).isNotNull();
        });
    }

    @Test
    void everyStoredEventIsAlsoOneLineOfTheAuditLogger() {
        Api api = server.api();
        NewUser user = NewUser.unique();
        String id = api.registered(user);
        Tokens tokens = api.loggedIn(user);
        assertThat(api.post("/api/users/logout-all/", Map.of(), tokens.access()).status()).isEqualTo(200);

        List<ILoggingEvent> ofUser = lines.list.stream()
                .filter(line -> line.getKeyValuePairs().stream().anyMatch(kv -> kv.key.equals("user_id") && kv.value.equals(id)))
                .toList();

        assertThat(ofUser).hasSameSizeAs(storedEventsOf(id));
        assertThat(ofUser).extracting(line -> line.getKeyValuePairs().stream()
                        .filter(kv -> kv.key.equals("type")).findFirst().orElseThrow().value)
                .containsExactly("USER_CREATED", "EMAIL_VERIFICATION_SENT", "LOGIN_OK", "SESSION_ENDED", "LOGOUT_ALL");
    }
}
