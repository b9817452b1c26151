package dev.custos.scheduler.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468) of keys, as openssl writes and reads them. */
final class Pem {

    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of the first {@code label} block of {@code text}. */
    static Optional<byte[]> decode(String label, byte[] text) {
        Matcher block = Pattern.compile("-----BEGIN " + label + "-----([A-Za-z0-9+/=\\s]*)-----END " + label + "-----")
                .matcher(new String(text, StandardCharsets.US_ASCII));
        if (!block.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getMimeDecoder().decode(block.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The Ed25519 key of the first {@code PUBLIC KEY} block of {@code text}, or empty when there is none. */
    static Optional<PublicKey> publicKey(byte[] text) {
        Optional<byte[]> der = decode(PUBLIC_KEY, text);
        if (der.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance(EvidenceSigningKey.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(der.get())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
