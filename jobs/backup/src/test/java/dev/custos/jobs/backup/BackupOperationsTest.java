package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import dev.custos.common.CustosException;
import dev.custos.jobs.backup.key.BackupKey;

/**
 * The facade owns the keyset: what it writes (create, rotate) is what it reads as the configured
 * key at its next operation or run step, without a restart.
 */
class BackupOperationsTest {

    @TempDir
    Path dir;

    private static BackupOperations keyFileConfigured(Path keyFile) {
        return new BackupOperations(null, new BackupProperties(List.of(), keyFile, null, DataSize.ofMegabytes(8), 3,
                new BackupProperties.Retry(1, Duration.ofMillis(1)), new BackupProperties.Retention(7, 12, 5)),
                null, null, null);
    }

    @Test
    void aRotationByTheFacadeIsTheKeyItsNextOperationReads() {
        Path file = dir.resolve("backup-keyset.json");
        BackupOperations operations = keyFileConfigured(file);

        long created = createKeyset(file);
        BackupKey first = operations.configuredKey().orElseThrow();
        BackupOperations.Rotation rotation = BackupOperations.rotateKeyset(file);
        BackupKey second = operations.configuredKey().orElseThrow();

        assertThat(first.primaryKeyId()).isEqualTo(created);
        assertThat(rotation.olderKeyIds()).containsExactly(created);
        assertThat(second.primaryKeyId()).isEqualTo(rotation.primaryKeyId()).isNotEqualTo(created);
        assertThat(second.keyIds()).containsExactlyInAnyOrder(created, rotation.primaryKeyId());
    }

    @Test
    void createNeverOverwritesAKeysetAndRotateOfSomethingElseLeavesItUntouched() throws Exception {
        Path file = dir.resolve("backup-keyset.json");
        long created = createKeyset(file);
        String before = Files.readString(file);
        Path notAKeyset = Files.writeString(dir.resolve("other.json"), "{\"primaryKeyId\": 1}");

        assertThatThrownBy(() -> BackupOperations.createKeyset(file)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> BackupOperations.rotateKeyset(notAKeyset)).isInstanceOf(CustosException.class)
                .hasMessageContaining("is not a Tink streaming AEAD keyset");

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(BackupKey.fromFile(file).primaryKeyId()).isEqualTo(created);
        assertThat(notAKeyset).hasContent("{\"primaryKeyId\": 1}");
    }

    private static long createKeyset(Path file) {
        try {
            return BackupOperations.createKeyset(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
