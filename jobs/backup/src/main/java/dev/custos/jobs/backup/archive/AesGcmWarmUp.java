package dev.custos.jobs.backup.archive;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-GCM, which Tink's streaming AEAD uses for every segment, onto its CPU
 * intrinsics before an archive is encrypted or decrypted. HotSpot uses the intrinsics (AES-NI,
 * carry-less multiply) only in code C2 has compiled, and C2 compiles a method after thousands of
 * calls. A 1 MB segment is one call, so a whole archive (hundreds of segments) would run in the
 * plain-Java fallback: about 50 MB/s instead of several GB/s (measured on the bench machine, JDK 17).
 * Tens of thousands of tiny operations, once per JVM and direction (about 0.2 s), get it compiled.
 * Decrypting then takes a few hundred operations of {@value #LARGE_SIZE} bytes (over the JDK's
 * 64 KiB threshold for splitting inputs), so that the branches a segment takes are compiled too: on
 * the busy bench machine a JVM that had not encrypted before (custos backup verify) decrypted 385 MB
 * at 240-400 MB/s without them, at 630-1200 MB/s with them (the same on an idle machine). The
 * encrypting direction gained nothing from them (measured).
 */
final class AesGcmWarmUp {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int ROUNDS = 30_000;
    private static final int LARGE_ROUNDS = 300;
    private static final int LARGE_SIZE = 128 * 1024;
    private static final int TAG_BITS = 128;

    private AesGcmWarmUp() {
    }

    static void encrypting() {
        Encrypting.ensure();
    }

    static void decrypting() {
        Decrypting.ensure();
    }

    /**
     * Warms up decrypting on a thread of its own, while the caller goes on (encrypting an archive
     * that will be verified next); a later {@link #decrypting()} waits for it if it is not done.
     */
    static void decryptingInBackground() {
        Thread warmUp = new Thread(AesGcmWarmUp::decrypting, "aes-gcm-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private static SecretKeySpec throwawayKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    /** A distinct nonce per round: a Cipher refuses to encrypt twice with the same key and nonce. */
    private static GCMParameterSpec nonce(int round) {
        byte[] nonce = new byte[12];
        ByteBuffer.wrap(nonce).putInt(round);
        return new GCMParameterSpec(TAG_BITS, nonce);
    }

    private static final class Encrypting {

        static {
            try {
                SecretKeySpec key = throwawayKey();
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                ByteBuffer plaintext = ByteBuffer.allocate(16);
                ByteBuffer ciphertext = ByteBuffer.allocate(64);
                for (int round = 0; round < ROUNDS; round++) {
                    cipher.init(Cipher.ENCRYPT_MODE, key, nonce(round));
                    plaintext.clear();
                    ciphertext.clear();
                    cipher.doFinal(plaintext, ciphertext); // the ByteBuffer path Tink takes
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available", e);
            }
        }

        static void ensure() {
            // the work is done once, by the class's initialization
        }
    }

    private static final class Decrypting {

        static {
            try {
                SecretKeySpec key = throwawayKey();
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(0));
                byte[] sealed = cipher.doFinal(new byte[16]);
                ByteBuffer plaintext = ByteBuffer.allocate(64);
                for (int round = 0; round < ROUNDS; round++) {
                    cipher.init(Cipher.DECRYPT_MODE, key, nonce(0));
                    plaintext.clear();
                    cipher.doFinal(ByteBuffer.wrap(sealed), plaintext);
                }
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(1));
                byte[] largeSealed = cipher.doFinal(new byte[LARGE_SIZE]);
                ByteBuffer large = ByteBuffer.allocate(LARGE_SIZE + 64);
                for (int round = 0; round < LARGE_ROUNDS; round++) {
                    cipher.init(Cipher.DECRYPT_MODE, key, nonce(1));
                    large.clear();
                    cipher.doFinal(ByteBuffer.wrap(largeSealed), large);
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not available", e);
            }
        }

        static void ensure() {
            // the work is done once, by the class's initialization
        }
    }
}
