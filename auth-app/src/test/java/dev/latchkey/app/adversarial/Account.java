package dev.latchkey.app.adversarial;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An account nobody has registered yet: every {@link #fresh()} gives new names. */
record Account(String username, String email, String password) {

    static Account fresh() {
        return new Account("u_" + token(), "m." + token() + "@example.com", "Pw!" + token() + "-Lantern");
    }

    /** A short random tag, to make names unique within one server. */
    static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    Account withUsername(String username) {
        return new Account(username, email, password);
    }

    Account withEmail(String email) {
        return new Account(username, email, password);
    }

    Account withPassword(String password) {
        return new Account(username, email, password);
    }

    /** The body of {@code POST /api/users/register/}. */
    Map<String, Object> registration() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("password", password);
        body.put("password_confirm", password);
        return body;
    }

    /** The body of {@code POST /api/token/}. */
    Map<String, Object> credentials() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        return body;
    }
}
