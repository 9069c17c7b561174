package dev.latchkey.core.memory;

import dev.latchkey.core.port.RateLimit;
import dev.latchkey.core.port.RateLimitContract;

class InMemoryRateLimitTest extends RateLimitContract {

    @Override
    protected RateLimit newRateLimit() {
        return new InMemoryRateLimit();
    }
}
