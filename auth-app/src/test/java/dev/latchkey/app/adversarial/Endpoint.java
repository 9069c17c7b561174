package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.NewUser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint that reads a JSON body, with its string fields. */
enum Endpoint {
    REGISTER("/api/users/register/", false, "username", "email", "password", "password_confirm"),
    LOG_IN("/api/token/", false, "username", "password"),
    REFRESH("/api/token/refresh/", false, "refresh"),
    VERIFY("/api/token/verify/", false, "token"),
    LOG_OUT("/api/users/logout/", true, "refresh"),
    CHANGE_PASSWORD("/api/users/change-password/", true, "old_password", "new_password", "new_password_confirm");

    final String path;
    final boolean needsBearer;
    final List<String> fields;

    Endpoint(String path, boolean needsBearer, String... fields) {
        this.path = path;
        this.needsBearer = needsBearer;
        this.fields = List.of(fields);
    }

    /** A fresh user logged in once, and a valid body for this endpoint. */
    Scene scene(Api client) {
        NewUser account = client.registeredUser(NewUser.unique());
        Api.Tokens tokens = client.loggedIn(account);
        return new Scene(this, client, account, NewUser.unique(), tokens);
    }

    /**
     * One user's state before a hostile request, and the check that the request changed none of it.
     *
     * @param unregistered an account nobody has registered, whose registration body {@link #REGISTER} sends
     */
    record Scene(Endpoint endpoint, Api client, NewUser account, NewUser unregistered, Api.Tokens tokens) {

        String bearer() {
            return endpoint.needsBearer ? tokens.access() : null;
        }

        String authorization() {
            return endpoint.needsBearer ? "Bearer " + tokens.access() : null;
        }

        Map<String, Object> validBody() {
            String fresh = "New-" + NewUser.token() + "-Harbour";
            Map<String, Object> body = new LinkedHashMap<>();
            switch (endpoint) {
                case REGISTER -> body.putAll(unregistered.registration());
                case LOG_IN -> body.putAll(account.credentials());
                case REFRESH, LOG_OUT -> body.put("refresh", tokens.refresh());
                case VERIFY -> body.put("token", tokens.access());
                case CHANGE_PASSWORD -> {
                    body.put("old_password", account.password());
                    body.put("new_password", fresh);
                    body.put("new_password_confirm", fresh);
                }
            }
            return body;
        }

        Api.Reply send(Map<String, Object> body) {
            return client.post(endpoint.path, body, bearer());
        }

        /** The rejected request created no user, spent no token, ended no session, changed no password. */
        void assertNothingChanged() {
            switch (endpoint) {
                case REGISTER -> assertThat(client.register(unregistered).status())
                        .as("the username is still free").isEqualTo(201);
                case LOG_IN, CHANGE_PASSWORD -> assertThat(client.logIn(account).status())
                        .as("the password still logs in").isEqualTo(200);
                case REFRESH -> assertThat(client.refresh(tokens.refresh()).status())
                        .as("the refresh token is not spent").isEqualTo(200);
                case VERIFY, LOG_OUT -> assertThat(client.me(tokens.access()).status())
                        .as("the session still works").isEqualTo(200);
            }
        }
    }
}
