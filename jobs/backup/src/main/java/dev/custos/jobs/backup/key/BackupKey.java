package dev.custos.jobs.backup.key;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import dev.custos.common.CustosException;

/**
 * The backup encryption key: a Tink keyset of streaming AEAD keys (AES256_GCM_HKDF_1MB), read from
 * {@code custos.backup.key-file} or {@code CUSTOS_BACKUP_KEYSET}. New archives are encrypted with
 * the primary key; any key of the keyset decrypts (so old backups stay readable after a rotation).
 * Neither the keyset nor its material ever appears in a message or {@link #toString()}.
 */
public final class BackupKey {

    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final KeysetHandle keyset;
    private final StreamingAead aead;
    private final String origin;

    private BackupKey(KeysetHandle keyset, String origin) throws GeneralSecurityException {
        this.keyset = keyset;
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        this.origin = origin;
    }

    /**
     * The configured key ({@code custos.backup.keyset}, else {@code custos.backup.key-file}), or empty when
     * neither is set.
     */
    public static Optional<BackupKey> configured(String keyset, Path keyFile) {
        if (keyset != null && !keyset.isBlank()) {
            return Optional.of(fromJson(keyset, "custos.backup.keyset (CUSTOS_BACKUP_KEYSET)"));
        }
        if (keyFile != null) {
            return Optional.of(fromFile(keyFile));
        }
        return Optional.empty();
    }

    public static BackupKey fromFile(Path file) {
        try {
            return fromJson(Files.readString(file), "key file " + file);
        } catch (IOException e) {
            throw new CustosException("cannot read the backup key file " + file + " (custos.backup.key-file): "
                    + e.getClass().getSimpleName());
        }
    }

    /** Reads a keyset in Tink's JSON format; {@code origin} names where it came from in messages. */
    public static BackupKey fromJson(String keysetJson, String origin) {
        KeysetHandle keyset = parse(keysetJson, origin);
        try {
            return new BackupKey(keyset, origin);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw notAKeyset(origin);
        }
    }

    /**
     * {@code keysetJson} with a new AES256_GCM_HKDF_1MB key as its primary, which encrypts the
     * archives from now on; the older keys stay, so that the archives they encrypted stay readable.
     */
    public static String rotatedKeysetJson(String keysetJson, String origin) {
        fromJson(keysetJson, origin); // a keyset of streaming AEAD keys, or the one clear error
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(parse(keysetJson, origin))
                    .addEntry(KeysetHandle.generateEntryFromParameters(
                            PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB).withRandomId().makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot add a key to the keyset", e);
        }
    }

    private static KeysetHandle parse(String keysetJson, String origin) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw notAKeyset(origin); // the cause may quote the keyset: it is left out
        }
    }

    private static CustosException notAKeyset(String origin) {
        return new CustosException("the backup key in " + origin + " is not a Tink streaming AEAD keyset in JSON"
                + " format; create one with 'custos backup key create FILE'");
    }

    /** A new keyset with one AES256_GCM_HKDF_1MB key, as Tink JSON: for tests and first setup. */
    public static String generateKeysetJson() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a keyset", e);
        }
    }

    /** Id of the primary key, which encrypts new archives; recorded in the manifest. */
    public long primaryKeyId() {
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /** Ids of every key of the keyset (the primary and older ones). */
    public List<Long> keyIds() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < keyset.size(); i++) {
            ids.add(Integer.toUnsignedLong(keyset.getAt(i).getId()));
        }
        return ids;
    }

    public boolean holds(long keyId) {
        return keyIds().contains(keyId);
    }

    /** Where the key came from, for messages: a file name or the setting, never the key. */
    public String origin() {
        return origin;
    }

    public OutputStream encrypt(OutputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newEncryptingStream(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start encrypting: " + e.getMessage(), e);
        }
    }

    public InputStream decrypt(InputStream ciphertext, byte[] associatedData) throws IOException {
        try {
            return aead.newDecryptingStream(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot start decrypting: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "BackupKey[primaryKeyId=" + primaryKeyId() + ", origin=" + origin + "]";
    }
}
