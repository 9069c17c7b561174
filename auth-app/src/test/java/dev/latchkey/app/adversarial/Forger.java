package dev.latchkey.app.adversarial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.latchkey.app.Api;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Builds tokens the way an attacker would: from the parts of a genuine token, with any header and
 * claims, signed by nobody, by the attacker's own key, by an HMAC keyed with public material, or (to
 * test one check at a time) by the server's own key.
 */
final class Forger {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    private final ECKey serverKey;
    private final ECKey ownKey;
    /** The server's public key exactly as {@code /.well-known/jwks.json} serves it. */
    private final String publishedJwk;

    Forger(ECKey serverKey, String publishedJwk) {
        this.serverKey = serverKey;
        this.publishedJwk = publishedJwk;
        try {
            this.ownKey = new ECKeyGenerator(Curve.P_256).keyID("attacker-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    ECKey ownKey() {
        return ownKey;
    }

    String publishedJwk() {
        return publishedJwk;
    }

    ECKey serverPublicKey() {
        return serverKey.toPublicJWK();
    }

    // --- reading a genuine token ---

    static ObjectNode header(String token) {
        return part(token, 0);
    }

    static ObjectNode claims(String token) {
        return part(token, 1);
    }

    static String[] parts(String token) {
        return token.split("\\.", -1);
    }

    private static ObjectNode part(String token, int index) {
        try {
            return (ObjectNode) Api.JSON.readTree(B64_DECODER.decode(parts(token)[index]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- building ---

    static String encode(String json) {
        return encode(json.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    static byte[] decode(String part) {
        return B64_DECODER.decode(part);
    }

    static String json(ObjectNode node) {
        try {
            return Api.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code header.claims.signature}, with the signature part as given (base64url). */
    static String assemble(ObjectNode header, ObjectNode claims, String signature) {
        return encode(json(header)) + "." + encode(json(claims)) + "." + signature;
    }

    /** Signed with ES256 by the server's own key, whatever the header says. */
    String signedByServer(ObjectNode header, ObjectNode claims) {
        return signedBy(serverKey, header, claims);
    }

    /** Signed with ES256 by the attacker's own key, whatever the header says. */
    String signedByOwnKey(ObjectNode header, ObjectNode claims) {
        return signedBy(ownKey, header, claims);
    }

    private static String signedBy(ECKey key, ObjectNode header, ObjectNode claims) {
        String input = encode(json(header)) + "." + encode(json(claims));
        try {
            String signature = new ECDSASigner(key)
                    .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII))
                    .toString();
            return input + "." + signature;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA256 over {@code header.claims} keyed with {@code secret}: the algorithm-confusion attack. */
    static String hmacSigned(byte[] secret, ObjectNode header, ObjectNode claims) {
        String input = encode(json(header)) + "." + encode(json(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's public key as SubjectPublicKeyInfo DER. */
    byte[] serverPublicKeyDer() {
        try {
            return serverKey.toECPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's public key as PEM text. */
    byte[] serverPublicKeyPem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(serverPublicKeyDer())
                + "\n-----END PUBLIC KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
