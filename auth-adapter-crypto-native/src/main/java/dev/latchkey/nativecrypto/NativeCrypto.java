package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BcryptEngine;
import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.core.crypto.JavaBcrypt;
import dev.latchkey.core.crypto.JdkJws;
import dev.latchkey.core.crypto.JwsFactory;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;

/**
 * The native implementations auth-core's seams can take, each used only where it loads and agrees
 * with the plain one at start; otherwise the plain one serves and {@link #summary()} says so:
 *
 * <ul>
 *   <li>{@link #bcrypt()}: bcrypt by the system's libxcrypt, or {@link JavaBcrypt};</li>
 *   <li>{@link #jws()}: ES256 by AWS-LC through the Amazon Corretto Crypto Provider, loaded in the
 *       background once {@link #startLoadingAwsLc()} is called, or {@link JdkJws} (until then, and
 *       for good if it does not load or agree);</li>
 *   <li>{@link #hashingThreads()}: hashing threads at a lower CPU priority, or plain ones.</li>
 * </ul>
 *
 * {@code -Dlatchkey.nativeCrypto=false} loads none of them.
 */
public final class NativeCrypto {

    /** The system property that, set to {@code false}, keeps every native implementation out. */
    public static final String PROPERTY = "latchkey.nativeCrypto";

    private final BcryptEngine bcrypt;
    private final JwsFactory jws;
    private final Runnable startLoadingAwsLc;
    private final CompletableFuture<String> ecdsa;
    private final ThreadFactory hashingThreads;
    private final boolean lowPriority;

    private NativeCrypto(BcryptEngine bcrypt, JwsFactory jws, Runnable startLoadingAwsLc, CompletableFuture<String> ecdsa,
                         Optional<ThreadFactory> lowPriorityThreads) {
        this.bcrypt = bcrypt;
        this.jws = jws;
        this.startLoadingAwsLc = startLoadingAwsLc;
        this.ecdsa = ecdsa;
        this.lowPriority = lowPriorityThreads.isPresent();
        this.hashingThreads = lowPriorityThreads.orElseGet(BoundedPasswordHasher::daemonThreads);
    }

    /**
     * Loads and checks libxcrypt and thread priorities (a few milliseconds); AWS-LC loads once
     * {@link #startLoadingAwsLc()} is called.
     */
    public static NativeCrypto load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return plain();
        }
        Optional<ThreadFactory> lowPriority = LowPriority.threadsIfSupported();
        AwsLcEcdsa ecdsa = new AwsLcEcdsa(lowPriority.orElseGet(BoundedPasswordHasher::daemonThreads));
        BcryptEngine bcrypt = Libxcrypt.load().filter(BcryptSelfCheck::agrees).orElseGet(JavaBcrypt::new);
        return new NativeCrypto(bcrypt, ecdsa, ecdsa::startLoading,
                ecdsa.loaded().thenApply(p -> p.isPresent() ? "AWS-LC" : "the JDK"), lowPriority);
    }

    /** The plain implementations only, as auth-core has them. */
    public static NativeCrypto plain() {
        return new NativeCrypto(new JavaBcrypt(), new JdkJws(), () -> { }, CompletableFuture.completedFuture("the JDK"),
                Optional.empty());
    }

    /** The bcrypt engine for {@code BcryptPasswordHasher}. */
    public BcryptEngine bcrypt() {
        return bcrypt;
    }

    /** The signer and verifier factory for {@code NimbusTokenIssuer}. */
    public JwsFactory jws() {
        return jws;
    }

    /** The thread factory for {@code BoundedPasswordHasher}. */
    public ThreadFactory hashingThreads() {
        return hashingThreads;
    }

    /**
     * Starts loading AWS-LC for ES256 on a background thread, at the hashing threads' low priority
     * where that applies; the JDK's provider serves until it has loaded. A server calls it once it
     * listens, so that the loading (about 0.3 s of CPU) takes nothing from its start. Calling it
     * again does nothing.
     */
    public void startLoadingAwsLc() {
        startLoadingAwsLc.run();
    }

    /** Completes with who computes ES256 ({@code AWS-LC} or {@code the JDK}) once that is decided. */
    public CompletableFuture<String> ecdsa() {
        return ecdsa;
    }

    /** Which implementations run, for the start-up line, e.g. {@code bcrypt by libxcrypt, ES256 by AWS-LC, ...}. */
    public String summary() {
        String es256 = ecdsa.getNow("the JDK until AWS-LC has loaded");
        return "bcrypt by " + bcrypt.name() + ", ES256 by " + es256 + ", hashing threads at "
                + (lowPriority ? "nice " + LowPriority.NICE : "normal priority");
    }
}
