package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A refresh grace window over HTTP: tabs refreshing with one token at once all stay logged in. */
class RefreshGraceE2ETest {

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_REFRESH_REUSE_GRACE", "PT1M"));
    private static final Api api = server.api();

    private static Tokens loggedIn() {
        NewUser user = NewUser.unique();
        api.registered(user);
        return api.loggedIn(user);
    }

    private static String jti(String token) {
        return Jwt.claims(token).get("jti").asText();
    }

    @Test
    void theTokenSpentLastPresentedAgainAnswersTheSessionsCurrentRefreshToken() {
        Tokens login = loggedIn();
        Tokens first = api.refreshed(login.refresh());

        Tokens replay = api.refreshed(login.refresh());

        assertThat(jti(replay.refresh())).isEqualTo(jti(first.refresh()));
        assertThat(Jwt.claims(replay.refresh()).get("sid")).isEqualTo(Jwt.claims(login.refresh()).get("sid"));
        assertThat(api.me(replay.access()).status()).isEqualTo(200);
        assertThat(api.me(first.access()).status()).isEqualTo(200);
        assertThat(api.sessions(replay.access()).json()).hasSize(1);
    }

    @Test
    void anOlderSpentTokenIsReuseAndEndsTheSession() {
        Tokens login = loggedIn();
        Tokens first = api.refreshed(login.refresh());
        Tokens second = api.refreshed(first.refresh());

        api.refresh(login.refresh()).assertProblem(401, "token_not_valid");

        api.me(second.access()).assertProblem(401, "token_not_valid");
        api.refresh(second.refresh()).assertProblem(401, "token_not_valid");
    }

    @Test
    void sixTabsRefreshingWithOneTokenAtOnceAllSucceedWithOneJti() {
        Tokens login = loggedIn();

        List<Reply> replies = Concurrently.times(6, () -> api.refresh(login.refresh()));

        assertThat(replies).extracting(Reply::status).containsOnly(200);
        assertThat(replies).extracting(reply -> jti(reply.json().get("refresh").asText())).containsOnly(
                jti(replies.get(0).json().get("refresh").asText()));
        String access = replies.get(0).json().get("access").asText();
        assertThat(api.sessions(access).json()).hasSize(1);
        assertThat(api.refresh(replies.get(5).json().get("refresh").asText()).status()).isEqualTo(200);
    }
}
