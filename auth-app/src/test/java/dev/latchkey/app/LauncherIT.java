package dev.latchkey.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher the build leaves next to the jar ({@code target/latchkey}), run as a user would, after
 * {@code package}: its defaults, {@code JAVA_OPTS} over them, the class-data archive the build recorded,
 * and a start that never depends on that archive. Most runs stop at {@code -version}, which is as far
 * as JVM flags and archives matter, to keep this cheap.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LauncherIT {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path LAUNCHER = TARGET.resolve("latchkey");

    @TempDir
    Path work;

    @Test
    void servesWithTheClassDataArchiveTheBuildRecorded() throws Exception {
        // -Xshare:on makes an archive that cannot be used an error instead of a slower start.
        Run run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xshare:on"), "serve", "--check");

        assertThat(run.status).as(run.output).isZero();
        assertThat(run.output).contains("Latchkey listening");
    }

    @Test
    void defaultsBoundTheMemoryAndUseTheArchive() throws Exception {
        Run run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal -version"));

        assertThat(run.status).as(run.output).isZero();
        assertThat(flag(run, "MaxHeapSize")).isEqualTo(String.valueOf(64L << 20));
        assertThat(flag(run, "ThreadStackSize")).isEqualTo("512");
        assertThat(flag(run, "UseSerialGC")).isEqualTo("true");
        assertThat(flag(run, "SharedArchiveFile")).isEqualTo(TARGET.resolve("auth-app.jsa").toRealPath().toString());
    }

    @Test
    void javaOptsWinOverTheDefaultsAndMayChooseAnotherCollector() throws Exception {
        Run run = launch(LAUNCHER, Map.of("JAVA_OPTS", "-Xmx96m -XX:+UseG1GC -XX:+PrintFlagsFinal -version"));

        assertThat(run.status).as(run.output).isZero();
        assertThat(flag(run, "MaxHeapSize")).isEqualTo(String.valueOf(96L << 20));
        assertThat(flag(run, "UseG1GC")).isEqualTo("true");
        assertThat(flag(run, "UseSerialGC")).isEqualTo("false");
    }

    @Test
    void anArchiveTheJvmCannotReadDoesNotStopTheStart() throws Exception {
        Path launcher = besideTheJar();
        Files.write(work.resolve("auth-app.jsa"), new byte[4096]);

        Run run = launch(launcher, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal -version"));

        assertThat(run.status).as(run.output).isZero();
        assertThat(flag(run, "SharedArchiveFile")).endsWith("auth-app.jsa");
    }

    @Test
    void anArchiveOfAnotherJdkIsLeftOutWithOneLineSayingSo() throws Exception {
        Path launcher = besideTheJar();
        Files.copy(TARGET.resolve("auth-app.jsa"), work.resolve("auth-app.jsa"));
        Files.writeString(work.resolve("auth-app.jsa.jdk"), "11.0.1+13");

        Run run = launch(launcher, Map.of("JAVA_OPTS", "-XX:+PrintFlagsFinal -version"));

        assertThat(run.status).as(run.output).isZero();
        assertThat(flag(run, "SharedArchiveFile")).isEmpty();
        assertThat(run.output).contains("class-data archive is from JDK 11.0.1+13", "starting without it");
    }

    /** A copy of the launcher in the temporary directory, with the built jar linked beside it. */
    private Path besideTheJar() throws IOException {
        Files.createSymbolicLink(work.resolve("auth-app.jar"), TARGET.resolve("auth-app.jar"));
        return Files.copy(LAUNCHER, work.resolve("latchkey"));
    }

    /** Runs the launcher on this JDK with a throwaway database and no AUTH_* settings but those. */
    private Run launch(Path launcher, Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(launcher, args));
        builder.environment().keySet().removeIf(name -> name.startsWith("AUTH_")
                || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JAVA_OPTS"));
        builder.environment().putAll(Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "AUTH_HOST", "127.0.0.1",
                "AUTH_PORT", "0",
                "AUTH_DATA_DIR", work.resolve("data").toString()));
        builder.environment().putAll(env);
        Path output = Files.createTempFile(work, "launcher", ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the launcher did not finish: " + Files.readString(output, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private static List<String> command(Path launcher, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The value of one JVM flag as {@code -XX:+PrintFlagsFinal} prints it. */
    private static String flag(Run run, String name) {
        return run.output.lines()
                .map(String::trim)
                .map(line -> line.split("\\s+"))
                .filter(words -> words.length >= 3 && words[1].equals(name) && words[2].equals("="))
                .map(words -> words.length > 3 && !words[3].startsWith("{") ? words[3] : "")
                .findFirst()
                .orElseThrow(() -> new AssertionError("no flag " + name + " in " + run.output));
    }

    private record Run(int status, String output) {
    }
}
