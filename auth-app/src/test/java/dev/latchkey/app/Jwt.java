package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Reads the header and claims of a JWS compact token without checking it: what a client sees. */
final class Jwt {

    private Jwt() {
    }

    static JsonNode header(String token) {
        return part(token, 0);
    }

    static JsonNode claims(String token) {
        return part(token, 1);
    }

    /** The same token with one character of its signature changed. */
    static String withBrokenSignature(String token) {
        int last = token.length() - 2; // not the very last character, whose low bits may be padding
        char replacement = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + replacement + token.substring(last + 1);
    }

    private static JsonNode part(String token, int index) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a JWS compact token: " + token);
        }
        try {
            return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
