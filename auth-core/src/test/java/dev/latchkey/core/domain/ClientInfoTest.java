package dev.latchkey.core.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientInfoTest {

    @Test
    void overlongUserAgentIsCutTo512Characters() {
        assertThat(new ClientInfo("192.0.2.10", "u".repeat(10_000)).userAgent()).hasSize(512);
    }

    @Test
    void ordinaryUserAgentIsKeptAsSent() {
        assertThat(new ClientInfo("192.0.2.10", "curl/8.5").userAgent()).isEqualTo("curl/8.5");
    }
}
