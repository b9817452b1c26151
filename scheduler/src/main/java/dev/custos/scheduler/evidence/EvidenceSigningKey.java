package dev.custos.scheduler.evidence;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The installation's Ed25519 key that signs evidence manifests. Its file holds the private key
 * (PKCS#8, PEM {@code PRIVATE KEY}) followed by its public half (X.509 SubjectPublicKeyInfo, PEM
 * {@code PUBLIC KEY}), since the JDK cannot derive the one from the other; {@code openssl pkey}
 * reads it as it is. The file is readable and writable by its owner only from the moment it exists
 * and is never overwritten; the private key is never printed.
 */
public final class EvidenceSigningKey {

    static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private EvidenceSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Writes a new key to {@code file} and returns its public key's fingerprint.
     *
     * @throws FileAlreadyExistsException when {@code file} exists (also as a link): a key is never replaced
     */
    public static String create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no " + ALGORITHM + " (Java 15 or later has)", e);
        }
        String text = Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded())
                + Pem.encode(Pem.PUBLIC_KEY, pair.getPublic().getEncoded());
        writeOwnerOnly(file, text.getBytes(StandardCharsets.US_ASCII));
        return fingerprint(pair.getPublic());
    }

    /**
     * Reads the key the installation signs with.
     *
     * @throws SigningKeyException when the file is missing, unreadable or holds no Ed25519 key pair
     */
    static EvidenceSigningKey load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SigningKeyException("custos.evidence.signing-key names " + file + ", which is not a file: "
                    + "create the key with 'custos evidence key create " + file + "'");
        }
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SigningKeyException("cannot read the evidence signing key " + file + ": " + e.getMessage(), e);
        }
        try {
            Optional<byte[]> privateDer = Pem.decode(Pem.PRIVATE_KEY, text);
            Optional<PublicKey> publicKey = Pem.publicKey(text);
            if (privateDer.isEmpty() || publicKey.isEmpty()) {
                throw new SigningKeyException(file + " is not an evidence signing key (PEM PRIVATE KEY and PUBLIC KEY):"
                        + " create one with 'custos evidence key create FILE'");
            }
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(privateDer.get()));
            EvidenceSigningKey key = new EvidenceSigningKey(privateKey, publicKey.get());
            byte[] probe = file.toString().getBytes(StandardCharsets.UTF_8);
            if (!verifies(key.publicKey, probe, key.sign(probe))) {
                throw new SigningKeyException(file + ": its PUBLIC KEY is not the public half of its PRIVATE KEY");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SigningKeyException(file + " is not an evidence signing key (an Ed25519 key pair in PEM): "
                    + "create one with 'custos evidence key create FILE'", e);
        }
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + ALGORITHM, e);
        }
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** Whether {@code signature} is {@code key}'s Ed25519 signature of {@code data}. */
    static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(key);
            check.update(data);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * {@code SHA256:<hex>} of the key's DER SubjectPublicKeyInfo, as {@code openssl pkey -pubin -in
     * signing-key.pub.pem -outform DER | sha256sum} prints it.
     */
    static String fingerprint(PublicKey key) {
        return "SHA256:" + Manifest.sha256(key.getEncoded());
    }

    static boolean sameKey(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }

    /** Created owner-only (never readable by others, not even for a moment), forced to disk, removed on failure. */
    private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        FileChannel channel;
        try {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            channel = FileChannel.open(file, Set.of(CREATE_NEW, WRITE), ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            channel = FileChannel.open(file, CREATE_NEW, WRITE);
            File plain = file.toFile();
            plain.setReadable(false, false);
            plain.setWritable(false, false);
            plain.setReadable(true, true);
            plain.setWritable(true, true);
        }
        try (FileChannel out = channel) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), READ)) {
            directory.force(true);
        } catch (IOException e) {
            // the key itself is on disk; only its name waits for the file system's own sync
        }
    }
}
