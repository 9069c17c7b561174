package dev.latchkey.app.adversarial;

import dev.latchkey.app.Api;
import dev.latchkey.app.Api.Reply;
import dev.latchkey.app.Api.Tokens;
import dev.latchkey.app.NewUser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
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

    /**
     * Writes {@code head} (request line and headers, CRLF-separated, without the blank line) and
     * {@code body} on a plain socket, half-closes it, and reads the answer's status and body.
     */
    Reply rawExchange(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Api.TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, n);
                    if (isComplete(received.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            } catch (java.net.SocketException reset) {
                // The server may close early after answering; what arrived is the answer.
            }
            return parse(received.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isComplete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).strip());
        return text.length() - end - 4 >= length;
    }

    private static Reply parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer: %s", text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip(), k -> new java.util.ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        return new Reply(status, HttpHeaders.of(headers, (k, v) -> true), text.substring(end + 4));
    }
}
