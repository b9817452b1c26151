package dev.custos.jobs.backup.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.custos.common.CustosException;
import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ApprovedAction;
import dev.custos.common.command.CommandException;
import dev.custos.jobs.backup.BackupOperations;
import dev.custos.jobs.backup.restore.BackupRestorer;

/**
 * A restore and a key rotation carried out once a second admin approved them: from the arguments
 * their request stored ({@code backup}, {@code to}, optional {@code intoSchema}; {@code file}), by
 * the approving process, on its host.
 */
@Configuration(proxyBeanMethods = false)
class BackupApprovedActions {

    static final String BACKUP = "backup";
    static final String TO = "to";
    static final String INTO_SCHEMA = "intoSchema";
    static final String FILE = "file";
    /** The operator audit log's outcome of a restore and of a key rotation carried out. */
    static final String RESTORED = "RESTORED";
    static final String ROTATED = "ROTATED";

    @Bean
    ApprovedAction restoreAction(ObjectProvider<BackupOperations> operations) {
        return new ApprovedAction() {
            @Override
            public String name() {
                return ApprovalGate.RESTORE;
            }

            @Override
            public Result carryOut(Map<String, String> arguments) {
                BackupRestorer.Restored restored = operations.getObject().restore(arguments.get(BACKUP),
                        Path.of(arguments.get(TO)), Optional.ofNullable(arguments.get(INTO_SCHEMA)));
                return new Result(true, RESTORED, "backup %s restored to %s: %d files, %d tables (%d rows), verified"
                        .formatted(restored.backupId(), restored.target(), restored.files(), restored.tables().size(),
                                restored.rows()));
            }
        };
    }

    @Bean
    ApprovedAction keyRotationAction() {
        return new ApprovedAction() {
            @Override
            public String name() {
                return ApprovalGate.KEY_ROTATION;
            }

            @Override
            public Result carryOut(Map<String, String> arguments) {
                return new Result(true, ROTATED, rotate(Path.of(arguments.get(FILE))));
            }
        };
    }

    static Map<String, String> restoreArguments(String backup, Path to, String intoSchema) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(BACKUP, backup);
        arguments.put(TO, to.toAbsolutePath().normalize().toString());
        if (intoSchema != null) {
            arguments.put(INTO_SCHEMA, intoSchema);
        }
        return arguments;
    }

    /** Rotates the keyset in {@code file}; what changed, in one line (no key material). */
    static String rotate(Path file) {
        BackupOperations.Rotation rotation;
        try {
            rotation = BackupOperations.rotateKeyset(file);
        } catch (CustosException unreadable) {
            throw CommandException.environment(unreadable.getMessage(), unreadable);
        }
        return "rotated %s: key %d is the primary now and encrypts the backups from the next run on; keys %s stay to "
                .formatted(file, rotation.primaryKeyId(), rotation.olderKeyIds()) + "read the older backups";
    }
}
