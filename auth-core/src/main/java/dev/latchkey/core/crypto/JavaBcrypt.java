package dev.latchkey.core.crypto;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** bcrypt by the at.favre Java library: the plain {@link BcryptEngine}, which takes every key. */
public final class JavaBcrypt implements BcryptEngine {

    private static final BCrypt.Hasher HASHER = BCrypt.with(BCrypt.Version.VERSION_2B);

    @Override
    public String name() {
        return "java";
    }

    @Override
    public Optional<String> hash(byte[] key, String setting) {
        int cost = Integer.parseInt(setting.substring(4, 6));
        byte[] salt = BcryptText.decodeSalt(setting.substring(7, 29));
        return Optional.of(new String(HASHER.hash(cost, salt, key), StandardCharsets.US_ASCII));
    }
}
