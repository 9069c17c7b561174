package dev.latchkey.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A user nobody has registered yet: every call to {@link #unique()} gives fresh names. */
record NewUser(String username, String email, String password) {

    static NewUser unique() {
        return new NewUser("user_" + token(), "mail." + token() + "@example.com", "Pw!" + token() + "-Lantern");
    }

    NewUser withUsername(String username) {
        return new NewUser(username, email, password);
    }

    NewUser withEmail(String email) {
        return new NewUser(username, email, password);
    }

    NewUser withPassword(String password) {
        return new NewUser(username, email, password);
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

    private static String token() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
