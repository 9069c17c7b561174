package dev.latchkey.jdbi;

import dev.latchkey.core.port.RateLimit;
import dev.latchkey.core.port.RateLimitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRateLimitTest extends RateLimitContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.postgres();

    @Override
    protected RateLimit newRateLimit() {
        return new JdbiRateLimit(database.jdbi());
    }
}
