package dev.latchkey.core.port;

import dev.latchkey.core.domain.SigningKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.latchkey.core.port.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules every {@link SigningKeyRepository} keeps; each adapter's test extends this once. */
public abstract class SigningKeyRepositoryContract {

    protected SigningKeyRepository keys;

    protected abstract SigningKeyRepository newRepository();

    @BeforeEach
    void setUp() {
        keys = newRepository();
    }

    private static SigningKey key(String kid, int minutesAfterT0) {
        return new SigningKey(kid, "ES256", "{\"kty\":\"EC\",\"kid\":\"" + kid + "\"}", T0.plusSeconds(60L * minutesAfterT0), null);
    }

    @Test
    void keysAreListedNewestFirstWithTheirMaterial() {
        keys.add(key("old", 0));
        keys.add(key("new", 5));

        assertThat(keys.findAll()).extracting(SigningKey::kid).containsExactly("new", "old");
        assertThat(keys.findAll().get(0).jwk()).isEqualTo("{\"kty\":\"EC\",\"kid\":\"new\"}");
    }

    @Test
    void retireAllExceptMarksOnlyTheOthers() {
        keys.add(key("old", 0));
        keys.add(key("new", 5));

        keys.retireAllExcept("new", T0.plusSeconds(600));

        assertThat(keys.findAll()).filteredOn(SigningKey::isRetired).extracting(SigningKey::kid).containsExactly("old");
        assertThat(keys.findAll()).filteredOn(k -> k.kid().equals("old")).first()
                .extracting(SigningKey::retiredAt).isEqualTo(T0.plusSeconds(600));
    }

    @Test
    void retiringKeepsTheFirstRetirementTime() {
        keys.add(key("a", 0));
        keys.add(key("b", 1));
        keys.retireAllExcept("b", T0.plusSeconds(100));
        keys.add(key("c", 2));

        keys.retireAllExcept("c", T0.plusSeconds(200));

        assertThat(keys.findAll()).filteredOn(k -> k.kid().equals("a")).first()
                .extracting(SigningKey::retiredAt).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void deleteRetiredBeforeDropsOnlyLongRetiredKeys() {
        keys.add(key("a", 0));
        keys.add(key("b", 1));
        keys.add(key("c", 2));
        keys.retireAllExcept("c", T0.plusSeconds(100));

        assertThat(keys.deleteRetiredBefore(T0.plusSeconds(100))).isZero();
        assertThat(keys.deleteRetiredBefore(T0.plusSeconds(101))).isEqualTo(2);
        assertThat(keys.findAll()).extracting(SigningKey::kid).containsExactly("c");
    }
}
