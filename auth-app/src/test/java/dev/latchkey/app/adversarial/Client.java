package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.NewUser;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP client for hostile requests to one server: bodies, content types and headers exactly as
 * given, and a raw socket for what {@code java.net.http} refuses to send (a lying Content-Length).
 * It sends through {@link Api} and answers with its {@link Reply}.
 */
final class Client {

    private final int port;
    private final Api api;

    Client(int port) {
        this.port = port;
        this.api = new Api(port);
    }

    HttpRequest.Builder request(String path) {
        return api.request(path);
    }

    Reply send(HttpRequest.Builder request) {
        return api.send(request);
    }

    Reply post(String path, Map<String, ?> body) {
        return post(path, body, null);
    }

    Reply post(String path, Map<String, ?> body, String bearer) {
        return postRaw(path, Api.json(body).getBytes(StandardCharsets.UTF_8), "application/json",
                bearer == null ? null : "Bearer " + bearer);
    }

    /** POSTs {@code body} exactly as given; a null content type or authorization sends no such header. */
    Reply postRaw(String path, byte[] body, String contentType, String authorization) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply postJson(String path, String rawJson, String bearer) {
        return postRaw(path, rawJson.getBytes(StandardCharsets.UTF_8), "application/json",
                bearer == null ? null : "Bearer " + bearer);
    }

    /** GET with {@code authorization} as the whole Authorization header, or none when null. */
    Reply get(String path, String authorization) {
        HttpRequest.Builder request = request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    Reply delete(String path, String bearer) {
        return send(request(path).header("Authorization", "Bearer " + bearer).DELETE());
    }

    // --- the endpoints most tests go through ---

    Reply register(NewUser account) {
        return post("/api/users/register/", account.registration());
    }

    /** Registers {@code account}; fails the test unless the server answers 201. */
    NewUser registered(NewUser account) {
        Reply reply = register(account);
        assertThat(reply.status()).as("register %s: %s", account.username(), reply.body()).isEqualTo(201);
        return account;
    }

    Reply logIn(NewUser account) {
        return post("/api/token/", account.credentials());
    }

    Tokens loggedIn(NewUser account) {
        Reply reply = logIn(account);
        assertThat(reply.status()).as("log in %s: %s", account.username(), reply.body()).isEqualTo(200);
        return Tokens.of(reply);
    }

    /** A fresh account, registered and logged in once. */
    Tokens newSession() {
        return loggedIn(registered(NewUser.unique()));
    }

    Reply me(String access) {
        return get("/api/users/me/", "Bearer " + access);
    }

    Reply refresh(String refresh) {
        return post("/api/token/refresh/", Map.of("refresh", refresh));
    }

    Reply verify(String token) {
        return post("/api/token/verify/", Map.of("token", token));
    }

    Reply logOut(Tokens tokens) {
        return post("/api/users/logout/", Map.of("refresh", tokens.refresh()), tokens.access());
    }

    /** See {@link Api#rawExchange}. */
    Reply rawExchange(String head, byte[] body) {
        return api.rawExchange(head, body);
    }
}
