package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.TestServerExtension;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.NewUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unicode on register and login: compatibility forms and case are one account, invisible and
 * control characters are refused, lengths count characters after NFKC, and every character of a
 * password counts. Nothing here may be a 500.
 */
class UnicodeInputTest {

    @RegisterExtension
    static final TestServerExtension server = TestServerExtension.with(Map.of("AUTH_LOGIN_MAX_FAILURES", "1000"));
    private static final Api client = server.api();

    private static String tag() {
        return NewUser.token();
    }

    private static Reply registerAs(String username) {
        return client.register(NewUser.unique().withUsername(username));
    }

    private static Reply logInAs(String login, String password) {
        return client.post("/api/token/", Map.of("username", login, "password", password));
    }

    // --- one account, however it is written ---

    @Test
    void fullWidthUsernameCollidesWithItsPlainForm() {
        String tag = tag();
        client.registeredUser(NewUser.unique().withUsername("full_" + tag));

        registerAs("ｆｕｌｌ_" + tag).assertFieldError("username");
    }

    @Test
    void ligatureCollidesWithTheLettersItStandsFor() {
        String tag = tag();
        client.registeredUser(NewUser.unique().withUsername("file_" + tag));

        registerAs("\uFB01le_" + tag).assertFieldError("username");
    }

    @Test
    void usernameDifferingOnlyInCaseIsTaken() {
        String tag = tag();
        client.registeredUser(NewUser.unique().withUsername("Alice_" + tag));

        registerAs("alice_" + tag).assertFieldError("username");
    }

    @Test
    void loginTakesTheUsernameInAnyCase() {
        NewUser account = client.registeredUser(NewUser.unique().withUsername("Alice_" + tag()));

        assertThat(logInAs(account.username().toUpperCase(java.util.Locale.ROOT), account.password()).status()).isEqualTo(200);
    }

    @Test
    void capitalSharpSCollidesWithSharpS() {
        String tag = tag();
        client.registeredUser(NewUser.unique().withUsername("straße_" + tag));

        registerAs("STRAẞE_" + tag).assertFieldError("username");
    }

    @Test
    void finalAndMedialSigmaAreOneLetterInAnyCase() {
        String tag = tag();
        // Upper-case ΟΔΟΣ lower-cases to "οδος" (final sigma); "οδοσ" upper-cases to the same ΟΔΟΣ.
        client.registeredUser(NewUser.unique().withUsername("n_" + tag + "_ΟΔΟΣ"));

        registerAs("n_" + tag + "_οδοσ").assertFieldError("username");
    }

    @Test
    void decomposedAccentCollidesWithThePrecomposedLetter() {
        String tag = tag();
        client.registeredUser(NewUser.unique().withUsername("e\u0301cole_" + tag));

        registerAs("école_" + tag).assertFieldError("username");
    }

    @Test
    void dotlessAndDottedIAreLettersThatLogInAsTyped() {
        NewUser dotless = client.registeredUser(NewUser.unique().withUsername("ılık_" + tag()));
        NewUser dotted = client.registeredUser(NewUser.unique().withUsername("İzmir_" + tag()));

        assertThat(client.logIn(dotless).status()).isEqualTo(200);
        assertThat(client.logIn(dotted).status()).isEqualTo(200);
    }

    @Test
    void lengthIsCountedAfterNfkc() {
        // 200 code points as sent, 100 letters after composition.
        NewUser account = NewUser.unique().withUsername("e\u0301".repeat(100));

        assertThat(client.register(account).status()).isEqualTo(201);
    }

    // --- characters a username may not hold ---

    static Stream<Arguments> forbiddenInUsernames() {
        return Stream.of("\u200D", "\u200B", "\u200C", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\u200E", "\u2066",
                "\u0000", "\u0007", "\u007F", "\n", "\t", " ", "\u00A0", "\u3000", "\uD83D\uDE00", "\u2764", "@", "/", "+", "'", "\"", "<")
                .map(character -> Arguments.of(String.format("U+%04X", character.codePointAt(0)), character));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forbiddenInUsernames")
    void usernameWithAForbiddenCharacterIsRefused(String name, String character) {
        registerAs("ab" + character + "cd_" + tag()).assertFieldError("username");
    }

    @Test
    void usernameStartingWithACombiningMarkIsRefused() {
        registerAs("\u0301abc_" + tag()).assertFieldError("username");
    }

    @Test
    void username151CharactersLongIsRefused() {
        registerAs("u" + tag() + "x".repeat(138)).assertFieldError("username");
    }

    @Test
    void username150CharactersLongIsAccepted() {
        assertThat(registerAs("u" + tag() + "x".repeat(137)).status()).isEqualTo(201);
    }

    @Test
    void loneSurrogateInUsernameIsRefused() {
        NewUser account = NewUser.unique();
        String body = "{\"username\":\"ab\\ud800cd\",\"email\":\"" + account.email() + "\",\"password\":\"" + account.password()
                + "\",\"password_confirm\":\"" + account.password() + "\"}";

        client.postRaw("/api/users/register/", body, null).assertFieldError("username");
    }

    @Test
    void loneSurrogatesInLoginAreRefusedOnTheirFields() {
        Reply reply = client.postRaw("/api/token/", "{\"username\":\"\\ud800\\ud800\\ud800\",\"password\":\"\\udfff-Lantern-9\"}", null);

        reply.assertFieldError("username");
        reply.assertFieldError("password");
    }

    static Stream<Arguments> everyStringFieldOfEveryEndpoint() {
        return Stream.of(Endpoint.values()).flatMap(endpoint -> endpoint.fields.stream()
                .flatMap(field -> Stream.of("\\ud800", "\\udfff", "x\\udbff", "\\udc00\\ud800")
                        .map(surrogate -> Arguments.of(endpoint, field, surrogate))));
    }

    @ParameterizedTest(name = "{0} {1} holding {2}")
    @MethodSource("everyStringFieldOfEveryEndpoint")
    void aLoneSurrogateInAnyStringFieldIsRefusedOnThatFieldAndChangesNothing(Endpoint endpoint, String field, String surrogate) {
        Endpoint.Scene scene = endpoint.scene(client);
        Map<String, Object> body = scene.validBody();
        String marker = "SURROGATE-" + tag();
        body.put(field, body.get(field) + marker);
        String json = dev.latchkey.app.Api.json(body).replace(marker, surrogate);

        client.postRaw(endpoint.path, json, scene.bearer()).assertFieldError(field);
        scene.assertNothingChanged();
    }

    @Test
    void aPasswordCannotBeRegisteredWithALoneSurrogateNorLogInWithItsLookAlikes() {
        NewUser account = NewUser.unique();
        String body = "{\"username\":\"" + account.username() + "\",\"email\":\"" + account.email()
                + "\",\"password\":\"Pw-Lantern-\\ud800\",\"password_confirm\":\"Pw-Lantern-\\ud800\"}";

        client.postRaw("/api/users/register/", body, null).assertFieldError("password");

        assertThat(client.register(account.withPassword("Pw-Lantern-\ufffd")).status()).isEqualTo(201);
        client.postRaw("/api/token/", "{\"username\":\"" + account.username() + "\",\"password\":\"Pw-Lantern-\\udfff\"}", null)
                .assertFieldError("password");
        client.postRaw("/api/token/", "{\"username\":\"" + account.username() + "\",\"password\":\"Pw-Lantern-\\ud800\"}", null)
                .assertFieldError("password");
        assertThat(logInAs(account.username(), "Pw-Lantern-\ufffd").status()).as("the real U+FFFD password").isEqualTo(200);
    }

    // --- passwords: every character counts ---

    @Test
    void password128CharactersLongIsAcceptedAndLogsIn() {
        NewUser account = client.registeredUser(NewUser.unique().withPassword("Pw!" + tag() + "y".repeat(113)));

        assertThat(account.password()).hasSize(128);
        assertThat(client.logIn(account).status()).isEqualTo(200);
    }

    @Test
    void password129CharactersLongIsRefused() {
        client.register(NewUser.unique().withPassword("Pw!" + tag() + "y".repeat(114))).assertFieldError("password");
    }

    @Test
    void hundredCharacterPasswordDifferingInItsLastCharacterDoesNotLogIn() {
        String password = "Pw!" + tag() + "z".repeat(84) + "A";
        NewUser account = client.registeredUser(NewUser.unique().withPassword(password));

        logInAs(account.username(), password.substring(0, 99) + "B").assertProblem(401, "invalid_credentials");
        assertThat(client.logIn(account).status()).isEqualTo(200);
    }

    @Test
    void multiBytePasswordDifferingAfter72BytesDoesNotLogIn() {
        String password = "Pw!" + tag() + "é".repeat(40) + "A";
        NewUser account = client.registeredUser(NewUser.unique().withPassword(password));

        logInAs(account.username(), password.substring(0, password.length() - 1) + "B").assertProblem(401, "invalid_credentials");
    }

    @Test
    void fullWidthPasswordLogsInWithItsPlainForm() {
        String tag = tag();
        NewUser account = client.registeredUser(NewUser.unique().withPassword("Ｐｗ！Ｌａｎｔｅｒｎ" + tag));

        assertThat(logInAs(account.username(), "Pw!Lantern" + tag).status()).isEqualTo(200);
    }

    @Test
    void emojiPasswordLogsInAsTyped() {
        NewUser account = client.registeredUser(NewUser.unique().withPassword("\uD83D\uDD11\uD83D\uDEAA-" + tag() + "-\uD83C\uDFE0"));

        assertThat(client.logIn(account).status()).isEqualTo(200);
    }

    @Test
    void passwordIsNotCutAtANulCharacter() {
        String head = "Pw!" + tag() + "-Lantern";
        NewUser account = NewUser.unique().withPassword(head + "\u0000" + "tail-" + tag());

        Reply registered = client.register(account);

        assertThat(registered.status()).as(registered.body()).isIn(201, 400);
        if (registered.status() == 400) {
            registered.assertFieldError("password");
        }
        logInAs(account.username(), head).assertProblem(401, "invalid_credentials");
    }

    @Test
    void passwordWithALoneSurrogateDoesNotShareItsHashWithAQuestionMark() {
        String tag = tag();
        NewUser account = NewUser.unique();
        String body = "{\"username\":\"" + account.username() + "\",\"email\":\"" + account.email()
                + "\",\"password\":\"Pw-" + tag + "\\ud800-Lantern\",\"password_confirm\":\"Pw-" + tag + "\\ud800-Lantern\"}";

        client.postRaw("/api/users/register/", body, null).assertFieldError("password");
        logInAs(account.username(), "Pw-" + tag + "?-Lantern").assertProblem(401, "invalid_credentials");
    }

    // --- e-mail ---

    @Test
    void emailWithAUnicodeDomainRegistersAndLogsInInAnyCase() {
        String tag = tag();
        NewUser account = client.registeredUser(NewUser.unique().withEmail("m." + tag + "@bücher.example"));

        assertThat(logInAs("M." + tag.toUpperCase(java.util.Locale.ROOT) + "@BÜCHER.EXAMPLE", account.password()).status()).isEqualTo(200);
    }

    private static String emailOfLength(int length) {
        String local = "m" + tag() + "x".repeat(64 - 13);
        String domainTail = ".example";
        int labels = length - local.length() - 1 - domainTail.length();
        StringBuilder domain = new StringBuilder();
        while (labels > 0) {
            int label = Math.min(63, labels);
            if (labels - label == 1) {
                label--; // no label of length 0 after the dot
            }
            domain.append("d".repeat(label));
            labels -= label;
            if (labels > 0) {
                domain.append('.');
                labels--;
            }
        }
        return local + "@" + domain + domainTail;
    }

    @Test
    void email254CharactersLongIsAccepted() {
        String email = emailOfLength(254);

        assertThat(email).hasSize(254);
        assertThat(client.register(NewUser.unique().withEmail(email)).status()).isEqualTo(201);
    }

    @Test
    void email255CharactersLongIsRefused() {
        String email = emailOfLength(255);

        assertThat(email).hasSize(255);
        client.register(NewUser.unique().withEmail(email)).assertFieldError("email");
    }
}
