package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two pieces of work done together ({@link BcryptPasswordHasher#doTogether}, {@link EksBlowfish})
 * against the at.favre Java library: every hash made in a pair must verify there, and every check in a
 * pair must answer as the library does, for passwords of every length, script and byte.
 */
class PairedBcryptTest {

    private static final int COST = 4;
    private static final int CASES = 200;

    private final BcryptPasswordHasher paired = new BcryptPasswordHasher(COST);
    private final BcryptPasswordHasher javaOnly = new BcryptPasswordHasher(COST, Optional.empty());
    private final Random random = new Random(20261130);

    @Test
    void piGivesBlowfishItsPublishedInitialWords() {
        int[] state = EksBlowfish.PiDigits.STATE;
        assertThat(state[1024]).as("P[0]").isEqualTo(0x243f6a88);
        assertThat(state[1024 + 17]).as("P[17]").isEqualTo(0x8979fb1b);
        assertThat(state[0]).as("S-box 1, first word").isEqualTo(0xd1310ba6);
        assertThat(state[1023]).as("S-box 4, last word").isEqualTo(0x3ac372e6);
    }

    @Test
    void hashesMadeTogetherVerifyWithTheJavaLibrary() {
        for (int i = 0; i < CASES; i++) {
            String first = randomPassword(random);
            String second = randomPassword(random);
            PasswordWork.NewHash a = new PasswordWork.NewHash(first);
            PasswordWork.NewHash b = new PasswordWork.NewHash(second);

            paired.doTogether(a, b);

            assertThat(a.answer().join()).as("case %d", i).startsWith("$2b$04$").hasSize(60);
            assertThat(javaOnly.verify(first, a.answer().join())).as("first of case %d", i).isTrue();
            assertThat(javaOnly.verify(second, b.answer().join())).as("second of case %d", i).isTrue();
            assertThat(javaOnly.verify(first + "!", a.answer().join())).as("wrong password, case %d", i).isFalse();
        }
    }

    @Test
    void checksDoneTogetherAnswerAsTheJavaLibraryDoes() {
        for (int i = 0; i < CASES; i++) {
            String first = randomPassword(random);
            String second = randomPassword(random);
            boolean secondRight = random.nextBoolean();
            PasswordWork.Check a = new PasswordWork.Check(first, javaOnly.hash(first));
            PasswordWork.Check b = new PasswordWork.Check(secondRight ? second : second + "x", javaOnly.hash(second));

            paired.doTogether(a, b);

            assertThat(a.answer().join()).as("right password, case %d", i).isTrue();
            assertThat(b.answer().join()).as("second of case %d (right: %s)", i, secondRight).isEqualTo(secondRight);
        }
    }

    @Test
    void aNewHashAndACheckGoTogether() {
        String stored = javaOnly.hash("purple-otter-meadow");
        PasswordWork.NewHash registration = new PasswordWork.NewHash("quiet-harbour-lantern");
        PasswordWork.Check login = new PasswordWork.Check("purple-otter-meadow", stored);

        paired.doTogether(registration, login);

        assertThat(login.answer().join()).isTrue();
        assertThat(javaOnly.verify("quiet-harbour-lantern", registration.answer().join())).isTrue();
    }

    @Test
    void workThatCannotBePairedIsStillDoneRight() {
        String costFive = new BcryptPasswordHasher(5, Optional.empty()).hash("purple-otter-meadow");
        String twoA = new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(COST, "quiet-harbour-lantern".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.US_ASCII);
        PasswordWork.Check otherCost = new PasswordWork.Check("purple-otter-meadow", costFive);
        PasswordWork.Check otherVersion = new PasswordWork.Check("quiet-harbour-lantern", twoA);
        PasswordWork.Check unreadable = new PasswordWork.Check("purple-otter-meadow", "not a hash");
        PasswordWork.Check empty = new PasswordWork.Check("purple-otter-meadow", "");
        PasswordWork.NewHash beside = new PasswordWork.NewHash("quiet-harbour-lantern");

        paired.doTogether(otherCost, otherVersion);
        paired.doTogether(unreadable, beside);
        paired.doTogether(empty, new PasswordWork.NewHash("x"));

        assertThat(otherCost.answer().join()).isTrue();
        assertThat(otherVersion.answer().join()).isTrue();
        assertThat(unreadable.answer().join()).isFalse();
        assertThat(empty.answer().join()).isFalse();
        assertThat(javaOnly.verify("quiet-harbour-lantern", beside.answer().join())).isTrue();
    }

    /** Empty, short, exactly at bcrypt's limits, long (reduced with SHA-512); ASCII, other scripts, U+0000. */
    static String randomPassword(Random random) {
        int[] lengths = {0, 1, 8, 70, 71, 72, 73, 100, 200};
        int length = random.nextInt(3) == 0 ? lengths[random.nextInt(lengths.length)] : 1 + random.nextInt(90);
        String alphabet = "abcXYZ019 !~" + "пароль" + "密码" + "\u0000" + "é";
        StringBuilder password = new StringBuilder();
        while (password.length() < length) {
            if (random.nextInt(40) == 0) {
                password.append("🔑");
            } else {
                password.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return password.toString();
    }
}
