package dev.latchkey.app;

import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login flood against a full hashing pool: one hashing thread, one queue slot and bcrypt at cost 12
 * (a hash takes a sixth of a second or more), so of a burst of logins released together at most a few
 * are taken; the rest are answered 503 with {@code Retry-After} at once instead of waiting, and every
 * login that is answered 200 holds a working session.
 */
class HashingSaturationE2ETest {

    private static final int BURST = 24;

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_HASH_THREADS", "1", "AUTH_HASH_QUEUE", "1", "AUTH_BCRYPT_COST", "12"));
    private static final Api api = server.api();

    @Test
    void loginsBeyondThePoolAndItsQueueAreRefusedAtOnceAndTheOthersLogIn() {
        NewUser user = NewUser.unique();
        api.registered(user);

        List<Reply> replies = Concurrently.times(BURST, () -> api.logIn(user));

        List<Reply> refused = replies.stream().filter(reply -> reply.status() == 503).toList();
        List<Reply> accepted = replies.stream().filter(reply -> reply.status() == 200).toList();
        assertThat(refused.size() + accepted.size()).as("every answer is 200 or 503: %s", replies.stream().map(r -> r.status() + " " + r.body()).toList()).isEqualTo(BURST);
        assertThat(refused).as("refused: the pool takes one hash and queues one").isNotEmpty();
        assertThat(accepted).as("accepted").isNotEmpty();
        for (Reply reply : refused) {
            reply.assertProblem(503, "service_unavailable");
            assertThat(reply.header("Retry-After")).contains("1");
        }
        for (Reply reply : accepted) {
            assertThat(api.me(Tokens.of(reply).access()).status()).isEqualTo(200);
        }
    }
}
