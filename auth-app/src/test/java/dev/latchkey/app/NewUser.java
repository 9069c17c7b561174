package dev.latchkey.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A user nobody has registered yet: every call to {@link #unique()} gives fresh names. Public for the
 * adversarial tests, which use it too.
 */
public record NewUser(String username, String email, String password) {

    public static NewUser unique() {
        return new NewUser("user_" + token(), "mail." + token() + "@example.com", "Pw!" + token() + "-Lantern");
    }

    /** A short random tag, to make names unique within one server. */
    public static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public NewUser withUsername(String username) {
        return new NewUser(username, email, password);
    }

    public NewUser withEmail(String email) {
        return new NewUser(username, email, password);
    }

    public NewUser withPassword(String password) {
        return new NewUser(username, email, password);
    }

    /** The body of {@code POST /api/users/register/}. */
    public Map<String, Object> registration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("password", password);
        body.put("password_confirm", password);
        return body;
    }

    /** The body of {@code POST /api/token/}. */
    public Map<String, Object> credentials() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return body;
    }
}
