package dev.custos.common.store;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates an HTTPS S3 endpoint may chain up to: the JDK's trust store plus the PEM
 * certificates of {@code SSL_CERT_FILE} (a file) and {@code SSL_CERT_DIR} (directories separated by
 * {@code :}), the variables OpenSSL, curl and the MinIO client read, so that an operator who names a
 * private CA there is trusted by custos too. A file or directory that cannot be read is left out,
 * as OpenSSL does, and {@link #describe()} says so, for the message of a refused certificate.
 *
 * <p>Read whole, each file once (the names under {@code /etc/ssl/certs} are links, two to each
 * certificate) and each certificate parsed once: the MinIO client's own loading, which its default
 * HTTP client runs whenever the variables are set, parses every linked file one byte at a time,
 * about 1.1 s of CPU for each command on Debian's {@code /etc/ssl/certs}.
 */
final class TrustedCertificates {

    static final String CERT_FILE = "SSL_CERT_FILE";
    static final String CERT_DIR = "SSL_CERT_DIR";

    private static final Pattern PEM_CERTIFICATE =
            Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final X509TrustManager trustManager;
    private final String description;

    private TrustedCertificates(X509TrustManager trustManager, String description) {
        this.trustManager = trustManager;
        this.description = description;
    }

    /**
     * The JDK's trust store plus what {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} in
     * {@code environment} name; empty when neither is set, the JDK's default then applying alone.
     */
    static Optional<TrustedCertificates> from(Map<String, String> environment) {
        String file = environment.get(CERT_FILE);
        String dirs = environment.get(CERT_DIR);
        if (isUnset(file) && isUnset(dirs)) {
            return Optional.empty();
        }
        Set<String> pemBodies = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>();
        sources.add("the JDK's trust store");
        sources.add(isUnset(file) ? CERT_FILE + " unset" : CERT_FILE + " " + readFile(Path.of(file), pemBodies));
        sources.add(isUnset(dirs) ? CERT_DIR + " unset" : CERT_DIR + " " + readDirs(dirs, pemBodies));
        try {
            return Optional.of(new TrustedCertificates(trustManager(pemBodies), String.join(", ", sources)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the trust store from the JDK's and " + String.join(", ",
                    sources) + ": " + e, e);
        }
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    /**
     * Where the trusted certificates came from, e.g. {@code the JDK's trust store, SSL_CERT_FILE
     * '/a.pem' (1 certificate), SSL_CERT_DIR unset}.
     */
    String describe() {
        return description;
    }

    private static String readFile(Path file, Set<String> pemBodies) {
        try {
            int found = addPemBodies(Files.readAllBytes(file), pemBodies);
            return "'" + file + "' (" + found + (found == 1 ? " certificate)" : " certificates)");
        } catch (IOException e) {
            return "'" + file + "' (unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    private static String readDirs(String dirs, Set<String> pemBodies) {
        List<String> read = new ArrayList<>();
        for (String dir : dirs.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                read.add(readDir(Path.of(dir), pemBodies));
            }
        }
        return String.join(File.pathSeparator, read);
    }

    private static String readDir(Path dir, Set<String> pemBodies) {
        Set<Path> files = new LinkedHashSet<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isRegularFile(entry)) {
                    files.add(entry.toRealPath());
                }
            }
        } catch (IOException e) {
            return "'" + dir + "' (unreadable: " + e.getClass().getSimpleName() + ")";
        }
        int found = 0;
        for (Path file : files) {
            try {
                found += addPemBodies(Files.readAllBytes(file), pemBodies);
            } catch (IOException e) {
                // a file that cannot be read adds nothing, as with OpenSSL
            }
        }
        return "'" + dir + "' (" + found + (found == 1 ? " certificate)" : " certificates)");
    }

    /** Adds the base64 body of each PEM certificate in {@code content}; returns how many it holds. */
    private static int addPemBodies(byte[] content, Set<String> pemBodies) {
        Matcher matcher = PEM_CERTIFICATE.matcher(new String(content, StandardCharsets.ISO_8859_1));
        int found = 0;
        while (matcher.find()) {
            pemBodies.add(matcher.group(1).replaceAll("\\s", ""));
            found++;
        }
        return found;
    }

    private static X509TrustManager trustManager(Set<String> pemBodies) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        Set<X509Certificate> certificates = new LinkedHashSet<>(List.of(jdkTrustManager(null).getAcceptedIssuers()));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (String body : pemBodies) {
            try {
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(Base64.getMimeDecoder().decode(body))));
            } catch (CertificateException | IllegalArgumentException e) {
                // a block that is not a certificate is skipped, as with OpenSSL
            }
        }
        int index = 0;
        for (X509Certificate certificate : certificates) {
            store.setCertificateEntry("trusted-" + index++, certificate);
        }
        return jdkTrustManager(store);
    }

    /** The JDK's PKIX trust manager over {@code store}, or over its default trust store when null. */
    private static X509TrustManager jdkTrustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }

    private static boolean isUnset(String value) {
        return value == null || value.isBlank();
    }
}
