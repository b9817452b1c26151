package dev.custos.jobs.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.minio.MinioAsyncClient;

/**
 * An s3proxy server of a test's own (filesystem backend, loopback, a free port, a data directory
 * of the test's), which the test can kill and start again on the same port and data: unlike the
 * shared server of {@code ops/s3proxy}, which no test may stop. Uses the jar that
 * {@code ops/s3proxy start} fetched into {@code ops/.run/}.
 */
final class S3ProxyProcess implements AutoCloseable {

    private static final String JAR = "ops/.run/s3proxy-4.1.0-jar-with-dependencies.jar";
    private static final String ACCESS_KEY = "custos-outage-test";
    private static final long START_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    private final Path jar;
    private final Path dir;
    private final int port;
    private final String secretKey;
    private Process process;

    private S3ProxyProcess(Path jar, Path dir, int port, String secretKey) {
        this.jar = jar;
        this.dir = dir;
        this.port = port;
        this.secretKey = secretKey;
    }

    /** A server on a free loopback port keeping its data under {@code dir}; not started yet. */
    static S3ProxyProcess onFreePort(Path dir) {
        Path jar = projectRoot().resolve(JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ops/s3proxy start once (it fetches the jar)");
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        try (ServerSocket socket = new ServerSocket(0)) {
            return new S3ProxyProcess(jar, dir, socket.getLocalPort(), HexFormat.of().formatHex(secret));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    String accessKey() {
        return ACCESS_KEY;
    }

    String secretKey() {
        return secretKey;
    }

    MinioAsyncClient client() {
        return MinioAsyncClient.builder().endpoint(endpoint()).credentials(ACCESS_KEY, secretKey).build();
    }

    /** Starts the server and waits until it answers. */
    synchronized void start() {
        try {
            Files.createDirectories(dir.resolve("data"));
            Path properties = dir.resolve("s3proxy.properties");
            Files.write(properties, List.of(
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + secretKey,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dir.resolve("data")));
            String java = ProcessHandle.current().info().command().orElse("java");
            process = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties",
                    properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                    .start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!answers()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue() + "; see "
                            + dir.resolve("s3proxy.log"));
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("s3proxy did not answer on " + endpoint() + " within "
                            + START_TIMEOUT_MS + " ms; see " + dir.resolve("s3proxy.log"));
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server at once (SIGKILL): connections break off mid-transfer. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            connection.getResponseCode();
            connection.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("ops/s3proxy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (the directory holding ops/s3proxy) above "
                + Path.of("").toAbsolutePath());
    }
}
