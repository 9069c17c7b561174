package dev.latchkey.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in logging set-up, and that a configuration file named on the command line wins. */
class LogConfiguratorTest {

    private final LoggerContext context = new LoggerContext();
    private final LogConfigurator configurator = new LogConfigurator();

    LogConfiguratorTest() {
        configurator.setContext(context);
    }

    @AfterEach
    void stop() {
        System.clearProperty("logback.configurationFile");
        Object hook = context.getObject(ch.qos.logback.core.CoreConstants.SHUTDOWN_HOOK_THREAD);
        if (hook instanceof Thread thread) {
            Runtime.getRuntime().removeShutdownHook(thread);
        }
        context.stop();
    }

    @Test
    void rootLogsInfoToTheConsoleThroughANonBlockingQueue() {
        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender(LogConfigurator.ASYNC)).isInstanceOfSatisfying(AsyncAppender.class, async -> {
            assertThat(async.isNeverBlock()).isTrue();
            assertThat(async.getDiscardingThreshold()).isZero();
            assertThat(async.getAppender(LogConfigurator.CONSOLE)).isInstanceOf(ConsoleAppender.class);
            assertThat(async.isStarted()).isTrue();
        });
    }

    @Test
    void aConfigurationFileOnTheCommandLineReplacesIt() {
        System.setProperty("logback.configurationFile", "/etc/latchkey/logback.xml");

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }
}
