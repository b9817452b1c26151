package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar run as a new user would, in an empty folder with no {@code --config}, no
 * {@code CUSTOS_CONFIG} and no {@code SPRING_DATASOURCE_URL}: one line saying how to point at a
 * database, exit 4, and no H2 database left behind.
 */
@Timeout(180)
class UnconfiguredJarIT {

    @TempDir
    Path dir;

    @Test
    void aCommandWithoutConfigurationSaysHowToPointAtADatabaseAndCreatesNone() throws Exception {
        Outcome executions = custos("executions");
        Outcome run = custos("run", "training-coverage", "--period", "2025-Q3");

        for (Outcome outcome : List.of(executions, run)) {
            assertThat(outcome.exit()).as(outcome.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
            assertThat(outcome.err().lines().toList()).as(outcome.toString()).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("custos: no database is configured")
                            .contains("--config FILE", "SPRING_DATASOURCE_URL", "custos demo"));
            assertThat(outcome.out()).as(outcome.toString()).isEmpty();
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("no database created; only the command log folder").doesNotContain("custos-data")
                    .allMatch(name -> name.equals("custos-logs") || name.endsWith(".out") || name.endsWith(".err"));
        }
    }

    private Outcome custos(String... args) throws Exception {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        command.addAll(List.of(args));
        String name = args[0];
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CUSTOS_"));
        Process process = builder.start();
        try {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Outcome(int exit, String out, String err) {
    }
}
