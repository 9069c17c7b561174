package dev.latchkey.nativecrypto;

import dev.latchkey.core.crypto.BoundedPasswordHasher;
import dev.latchkey.core.port.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeCryptoTest {

    @Test
    void thePlainSetUsesTheJavaLibraryTheJdkAndPlainThreads() {
        NativeCrypto plain = NativeCrypto.plain();

        assertThat(plain.summary()).isEqualTo("bcrypt by java, ES256 by the JDK, hashing threads at normal priority");
        assertThat(plain.hashingThreads().newThread(() -> { }).getPriority()).isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void awsLcLoadsOnlyOnceAskedAndTheSummarySaysTheJdkSignsUntilThen() {
        NativeCrypto loaded = NativeCrypto.load();

        assertThat(loaded.ecdsa()).isNotDone();
        assertThat(loaded.summary()).contains("ES256 by the JDK until AWS-LC has loaded");
    }

    @Test
    void theSummaryNamesWhatRunsOnceAwsLcHasLoaded() {
        NativeCrypto loaded = NativeCrypto.load();
        loaded.startLoadingAwsLc();
        loaded.startLoadingAwsLc();
        String es256 = loaded.ecdsa().join();

        assertThat(loaded.summary()).contains("bcrypt by " + loaded.bcrypt().name()).contains("ES256 by " + es256);
    }

    @Test
    void hashingThreadsRunAtALowerCpuPriorityOnLinux() {
        Path threadStat = Path.of("/proc/thread-self/stat");
        assumeTrue(Files.isReadable(threadStat), "no per-thread nice value to read on this system");
        PasswordHasher niceOfHashingThread = new PasswordHasher() {
            @Override
            public String hash(String password) {
                try {
                    // Field 19 of /proc/<pid>/task/<tid>/stat is the nice value; the command name (field 2) ends with ')'.
                    String stat = Files.readString(threadStat);
                    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public boolean verify(String password, String hash) {
                return false;
            }

            @Override
            public boolean needsRehash(String hash) {
                return false;
            }
        };
        try (BoundedPasswordHasher pool = new BoundedPasswordHasher(niceOfHashingThread, 1, 1,
                NativeCrypto.load().hashingThreads())) {
            assertThat(pool.hash("x")).isEqualTo(String.valueOf(LowPriority.NICE));
        }
    }
}
