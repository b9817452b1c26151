package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.scheduler.CommandResult;

/**
 * A command a control contributes ({@code ProbeControl}, listed in this test classpath's
 * {@code META-INF/spring.factories}, as the backup control lists {@code custos backup}) is a
 * {@code custos} command: it starts the application read-only, configured by {@code --config} and
 * {@code --name=value} like every command, and its failures are one line with the usage or
 * environment exit code.
 */
class ControlCommandLineTest {

    @TempDir
    Path dir;

    @Test
    void aControlsCommandRunsInTheReadOnlyApplicationConfiguredByConfigFileAndOverrides() throws Exception {
        Path config = Files.writeString(dir.resolve("custos.properties"), """
                probe.from-file=file
                probe.overridden=file
                """);

        CommandResult probe = CommandResult.custos("probe", "--config", config.toString(), "--probe.overridden=argument",
                "probe.from-file", "probe.overridden", "spring.main.lazy-initialization", "custos.quartz.enabled");

        assertThat(probe.exitCode()).as(probe.describe()).isZero();
        assertThat(probe.outLines()).containsExactly("probe.from-file=file", "probe.overridden=argument",
                "spring.main.lazy-initialization=true", "custos.quartz.enabled=false");
    }

    @Test
    void aControlsCommandFailsWithOneLineAndTheUsageOrEnvironmentExitCode() {
        CommandResult usage = CommandResult.custos("probe", "fail.usage");
        CommandResult environment = CommandResult.custos("probe", "fail.environment");

        assertThat(usage.exitCode()).as(usage.describe()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.errLines()).containsExactly("custos: probe cannot read fail.usage");
        assertThat(environment.exitCode()).as(environment.describe()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(environment.errLines()).containsExactly("custos: probe cannot read fail.environment");
        assertThat(usage.showsStackTrace() || environment.showsStackTrace()).isFalse();
    }

    /** A control that adds {@code custos probe PROPERTY...}, printing properties of the application. */
    static final class ProbeControl implements ControlCommandLine {

        @Override
        public Object command(CommandApplication application) {
            return new ProbeCommand(application);
        }
    }

    @Command(name = "probe", hidden = true, description = "Prints properties of the application a contributed command starts.")
    static final class ProbeCommand implements Callable<Integer> {

        @Option(names = "--config", description = "properties file")
        Path config;

        @Parameters(paramLabel = "PROPERTY", description = "a property name to print")
        String[] properties;

        @Spec
        CommandSpec spec;

        private final CommandApplication application;

        ProbeCommand(CommandApplication application) {
            this.application = application;
        }

        @Override
        public Integer call() {
            for (String property : properties) {
                if (property.startsWith("fail.")) {
                    String message = "probe cannot read " + property;
                    throw property.equals("fail.usage") ? CommandException.usage(message)
                            : CommandException.environment(message, null);
                }
            }
            try (ConfigurableApplicationContext context = application.startReadOnly(config)) {
                for (String property : properties) {
                    spec.commandLine().getOut().println(property + "=" + context.getEnvironment().getProperty(property));
                }
            }
            return ControlCommandLine.OK;
        }
    }
}
