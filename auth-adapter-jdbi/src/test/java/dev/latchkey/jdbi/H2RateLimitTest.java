package dev.latchkey.jdbi;

import dev.latchkey.core.port.RateLimit;
import dev.latchkey.core.port.RateLimitContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2RateLimitTest extends RateLimitContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.h2();

    @Override
    protected RateLimit newRateLimit() {
        return new JdbiRateLimit(database.jdbi());
    }
}
