package dev.latchkey.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The list of common passwords that ships with Latchkey (see common-passwords.NOTICE.txt for its
 * source and licence), for {@link dev.latchkey.core.domain.PasswordPolicy}.
 */
public final class CommonPasswords {

    private static final String RESOURCE = "common-passwords.txt.gz";

    private CommonPasswords() {
    }

    /** The shipped list, lower-cased. */
    public static Set<String> shipped() {
        try (InputStream raw = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Set<String> passwords = new HashSet<>(32_768);
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    String password = line.strip();
                    if (!password.isEmpty()) {
                        passwords.add(password.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return passwords;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
