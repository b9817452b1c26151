package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ops/custos}, the fast-start launcher, run on the packaged jar as operators run it: the
 * first successful call of a kind of command makes its archive, later calls map it (proved with
 * the JVM told to fail when it cannot: {@code -Xshare:on}, {@code -XX:AOTMode=on}), a failed call
 * leaves none, and a damaged archive is passed over without a word. The commands' output is
 * exactly that of {@code java -jar}: nothing of the JVM's archive messages reaches it.
 */
@Timeout(600)
class FastStartLauncherIT {

    private static final Path LAUNCHER = Path.of("..", "ops", "custos").toAbsolutePath().normalize();
    private static final Path JVMS = Path.of("/usr/lib/jvm");

    @TempDir
    Path dir;

    /** The tests' own JVM (Java 17 on CI): an AppCDS archive, or an AOT cache from Java 25 on. */
    @Test
    void theFirstCallMakesAnArchiveThatLaterCallsMapWithTheSameOutput() throws Exception {
        if (Runtime.version().feature() >= 25) {
            checkLauncher(javaHome(), ".aot", "-XX:AOTMode=on");
        } else {
            checkLauncher(javaHome(), ".jsa", "-Xshare:on");
        }
    }

    /** Java 25 runs the same jar (built for 17) with an AOT cache; CI's machine has a Temurin 25. */
    @Test
    void onJava25TheFirstCallMakesAnAotCacheThatLaterCallsMapWithTheSameOutput() throws Exception {
        Optional<Path> java25 = java25Home();
        assumeTrue(java25.isPresent(), "no Java 25 runtime under " + JVMS);
        checkLauncher(java25.get(), ".aot", "-XX:AOTMode=on");
    }

    private void checkLauncher(Path javaHome, String suffix, String requireArchive) throws Exception {
        Path cache = dir.resolve("cache");
        Outcome plain = run(javaHome, cache, null, List.of(java(javaHome), "-jar", jar(), "--version"));
        assertThat(plain.exit()).as(plain.toString()).isZero();

        Outcome failed = launcher(javaHome, cache, null, "executions");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(failed.out()).as(failed.toString()).isEmpty();
        assertThat(failed.err().lines().toList()).as("one line, nothing of the JVM's").singleElement()
                .satisfies(line -> assertThat(line).startsWith("custos: no database is configured"));
        assertThat(archives(cache, suffix)).as("a failed call leaves no archive").isEmpty();

        Outcome first = launcher(javaHome, cache, null, "--version");
        assertThat(first).as("the first call, making the archive").isEqualTo(plain);
        assertThat(archives(cache, suffix)).as("one archive, of the short commands").singleElement()
                .satisfies(archive -> assertThat(archive.getFileName().toString()).startsWith("short-"));
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .as("no temporary file left").noneMatch(name -> name.contains(".tmp") || name.endsWith(".aotconf"));
        }

        Outcome mapped = launcher(javaHome, cache, requireArchive, "--version");
        assertThat(mapped).as("a later call, the JVM told to fail unless it maps the archive").isEqualTo(plain);

        Path archive = archives(cache, suffix).get(0);
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not an archive");
        Outcome damaged = launcher(javaHome, cache, null, "--version");
        assertThat(damaged).as("a damaged archive is passed over").isEqualTo(plain);
    }

    private Outcome launcher(Path javaHome, Path cache, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(javaHome, cache, javaOpts, command);
    }

    private Outcome run(Path javaHome, Path cache, String javaOpts, List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Path work = Files.createDirectories(dir.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("CUSTOS_")
                || key.equals("JAVA_OPTS") || key.equals("JAVA_TOOL_OPTIONS"));
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("CUSTOS_JAR", jar());
        environment.put("CUSTOS_CDS_DIR", cache.toString());
        if (javaOpts != null) {
            environment.put("JAVA_OPTS", javaOpts);
        }
        Process process = builder.start();
        try {
            assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("the command ends").isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<Path> archives(Path cache, String suffix) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(path -> path.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static String jar() {
        String jar = System.getProperty("custos.jar");
        assertThat(jar).as("system property custos.jar (set by failsafe)").isNotNull();
        return jar;
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    private static String java(Path javaHome) {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    private static Optional<Path> java25Home() throws IOException {
        if (!Files.isDirectory(JVMS)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(JVMS)) {
            return homes.filter(home -> {
                try {
                    Path release = home.resolve("release");
                    return Files.isRegularFile(release) && Files.readString(release).contains("JAVA_VERSION=\"25");
                } catch (IOException e) {
                    return false;
                }
            }).sorted().findFirst();
        }
    }

    private record Outcome(int exit, String out, String err) {
    }
}
