package dev.latchkey.core;

import dev.latchkey.core.crypto.SigningKeys;
import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.memory.InMemoryAuditLog;
import dev.latchkey.core.memory.InMemorySigningKeyRepository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RotateSigningKeysTest {

    private static final Duration LONGEST_TOKEN = Duration.ofDays(30);

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySigningKeyRepository repository = new InMemorySigningKeyRepository();
    private final SigningKeys keys = SigningKeys.stored("ES256", repository, clock);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RotateSigningKeys rotation = new RotateSigningKeys(keys, audit, LONGEST_TOKEN, clock);

    @Test
    void rotationMakesANewKeyCurrentAndRecordsItsKidAndNoKeyMaterial() {
        String before = keys.current().getKeyID();
        clock.advance(Duration.ofMinutes(1));

        String kid = rotation.rotate();

        assertThat(kid).isNotEqualTo(before);
        assertThat(keys.current().getKeyID()).isEqualTo(kid);
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEvent.Type.KEY_ROTATED);
            assertThat(event.at()).isEqualTo(clock.instant());
            assertThat(event.detail()).isEqualTo("ES256 key " + kid);
            assertThat(event.userId()).isNull();
        });
    }

    @Test
    void retiredKeysAreDroppedOnlyOnceNoTokenTheySignedCanBeValid() {
        String old = keys.current().getKeyID();
        rotation.rotate();
        clock.advance(LONGEST_TOKEN.minusSeconds(1));

        assertThat(rotation.dropExpired()).isZero();
        assertThat(keys.find(old)).isPresent();

        clock.advance(Duration.ofSeconds(2));
        assertThat(rotation.dropExpired()).isEqualTo(1);
        assertThat(keys.find(old)).isEmpty();
    }

    @Test
    void aKeyFromASecretDoesNotRotateAndHasNothingToDrop() {
        RotateSigningKeys fixed = new RotateSigningKeys(SigningKeys.sharedSecret(new byte[32]), audit, LONGEST_TOKEN, clock);

        assertThat(fixed.applies()).isFalse();
        assertThat(fixed.dropExpired()).isZero();
        fixed.reload();
        assertThatIllegalStateException().isThrownBy(fixed::rotate);
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void reloadPicksUpARotationMadeByAnotherInstance() {
        SigningKeys other = SigningKeys.stored("ES256", repository, clock);
        String kid = new RotateSigningKeys(other, audit, LONGEST_TOKEN, clock).rotate();

        rotation.reload();

        assertThat(keys.current().getKeyID()).isEqualTo(kid);
    }
}
