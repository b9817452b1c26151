package dev.custos.common.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.common.test.TestS3;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3 endpoint over TLS with a certificate of a private CA (s3proxy serving HTTPS on loopback,
 * its self-signed certificate made by {@code keytool}) is trusted exactly when {@code SSL_CERT_FILE}
 * or {@code SSL_CERT_DIR} names that CA, as for OpenSSL, curl and the MinIO client's own loading.
 */
class S3BlobStoreTlsTest {

    private static final String S3PROXY_JAR = "ops/.run/s3proxy-4.1.0-jar-with-dependencies.jar";
    private static final String ACCESS_KEY = "custos-tls-test";
    private static final String SECRET_KEY = "tls-test-secret-" + System.nanoTime();
    private static final String STORE_PASSWORD = "custos-tls-test";
    private static final long START_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    @TempDir
    static Path dir;
    private static Path serverCa;
    private static Path otherCa;
    private static String endpoint;
    private static Process s3proxy;

    @BeforeAll
    static void startS3ProxyOverTls() throws Exception {
        serverCa = selfSignedCertificate("server");
        otherCa = selfSignedCertificate("other");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        endpoint = "https://127.0.0.1:" + port;
        Path properties = dir.resolve("s3proxy.properties");
        Files.write(properties, List.of(
                "s3proxy.secure-endpoint=" + endpoint,
                "s3proxy.keystore-path=" + dir.resolve("server.p12"),
                "s3proxy.keystore-password=" + STORE_PASSWORD,
                "s3proxy.authorization=aws-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + Files.createDirectories(dir.resolve("data"))));
        Path log = dir.resolve("s3proxy.log");
        s3proxy = new ProcessBuilder(java(), "-Xmx256m", "-jar", s3proxyJar().toString(), "--properties",
                properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening(port, log);
    }

    @AfterAll
    static void stopS3Proxy() throws InterruptedException {
        if (s3proxy != null) {
            s3proxy.destroy();
            s3proxy.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void endpointIsTrustedWhenSslCertFileHoldsItsCaAmongOthers() throws IOException {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(otherCa) + Files.readString(serverCa));

        try (S3BlobStore store = store(Map.of(TrustedCertificates.CERT_FILE, bundle.toString()))) {
            store.put("reports/a.csv", new ByteArrayInputStream("id\n1\n".getBytes(StandardCharsets.UTF_8)));

            assertThat(store.list("reports/")).extracting(BlobInfo::key).containsExactly("reports/a.csv");
        }
    }

    @Test
    void endpointIsTrustedWhenSslCertDirHoldsItsCaBesideFilesThatAreNoCertificates() throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(serverCa, certs.resolve("server.pem"));
        Files.createSymbolicLink(certs.resolve("0a1b2c3d.0"), certs.resolve("server.pem"));
        Files.writeString(certs.resolve("README"), "not a certificate\n");
        Files.copy(otherCa, certs.resolve("other.pem"));

        try (S3BlobStore store = store(Map.of(TrustedCertificates.CERT_DIR, "/nonexistent-dir:" + certs))) {
            assertThat(store.stat("reports/missing.csv")).isEmpty();
        }
    }

    @Test
    void endpointIsRefusedInOneLineNamingTheTrustedSourcesWhenSslCertFileLacksItsCa() {
        Map<String, String> environment = Map.of(TrustedCertificates.CERT_FILE, otherCa.toString());

        try (S3BlobStore store = store(environment)) {
            assertThatThrownBy(() -> store.stat("reports/a.csv"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessage("S3 at " + endpoint + " presented a certificate that custos does not trust "
                            + "(trusted: the JDK's trust store, SSL_CERT_FILE '" + otherCa + "' (1 certificate), "
                            + "SSL_CERT_DIR unset), so it cannot check bucket '" + store.bucket() + "' (needed to "
                            + "stat 'reports/a.csv'); name the CA that signed the server's certificate in "
                            + "SSL_CERT_FILE (a PEM file) or SSL_CERT_DIR (a directory of them)");
        }
    }

    @Test
    void endpointIsRefusedWhenNeitherVariableIsSetSinceTheJdkDoesNotKnowItsCa() {
        try (S3BlobStore store = store(Map.of())) {
            assertThatThrownBy(() -> store.list("reports/"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("presented a certificate that custos does not trust")
                    .hasMessageContaining("(trusted: the JDK's trust store (SSL_CERT_FILE and SSL_CERT_DIR unset))")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void anUnreadableSslCertFileIsNamedInTheRefusal() {
        Path missing = dir.resolve("missing.pem");

        try (S3BlobStore store = store(Map.of(TrustedCertificates.CERT_FILE, missing.toString()))) {
            assertThatThrownBy(() -> store.list("reports/"))
                    .isInstanceOf(BlobStoreException.class)
                    .hasMessageContaining("SSL_CERT_FILE '" + missing + "' (unreadable: NoSuchFileException)");
        }
    }

    private static S3BlobStore store(Map<String, String> environment) {
        return new S3BlobStore(new S3Properties(endpoint, TestS3.newBucketName("tls"), ACCESS_KEY, SECRET_KEY,
                S3Properties.DEFAULT_REGION, TestS3.PART_SIZE, true), environment);
    }

    /** A self-signed certificate for 127.0.0.1 in {@code name.p12}; returns its PEM file. */
    private static Path selfSignedCertificate(String name) throws IOException, InterruptedException {
        Path keyStore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=custos test " + name, "-ext", "san=ip:127.0.0.1", "-ext", "bc:c",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass",
                STORE_PASSWORD, "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }

    private static void awaitListening(int port, Path log) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!s3proxy.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("s3proxy did not listen on " + endpoint + ": "
                            + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path s3proxyJar() {
        for (Path root = Path.of("").toAbsolutePath(); root != null; root = root.getParent()) {
            Path jar = root.resolve(S3PROXY_JAR);
            if (Files.isRegularFile(root.resolve("ops/s3proxy"))) {
                if (!Files.isRegularFile(jar)) {
                    throw new UncheckedIOException(new IOException(jar + " is missing: run ops/s3proxy start once"));
                }
                return jar;
            }
        }
        throw new IllegalStateException("cannot find the project root (holding ops/s3proxy) above "
                + Path.of("").toAbsolutePath());
    }
}
