package dev.custos.jobs.backup.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ConsoleLoginOptions;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;
import dev.custos.jobs.backup.restore.BackupRestorer;
import dev.custos.jobs.backup.restore.ExistingTableException;
import dev.custos.jobs.backup.restore.UnknownBackupException;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore a backup into a directory (files under DIR/files/<source>/, table data and column "
                + "definitions under DIR/tables/<source>/), verifying every entry against the manifest. Entries that "
                + "would land outside DIR, or over an existing file, are refused. --into-schema also loads the tables "
                + "into a schema of the application's database and checks row counts and checksums. A failed restore "
                + "removes what it wrote (files, the directory when it created it, tables it loaded); a table that "
                + "already exists in the schema is refused (exit 2) before any is loaded. Where restores wait for a second "
                + "admin's approval (custos.approvals.required), a request is stored instead (exit 5), made by the console "
                + "ADMIN --user names (their password asked for, or read with --password-stdin): the approving process "
                + "restores, into DIR on its host. A restore carried out is in the operator audit log.")
final class BackupRestoreCommand extends BackupStoreCommand {

    @Parameters(paramLabel = "ID|latest", description = "a backup id such as 2026-11-24.17, or latest")
    String which;

    @Option(names = "--to", paramLabel = "DIR", required = true, description = "a new or empty directory")
    Path to;

    @Option(names = "--into-schema", paramLabel = "NAME",
            description = "load the restored tables into this schema (created when missing; its tables must not exist)")
    String intoSchema;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why: required where restores wait for a second "
            + "admin's approval (custos.approvals.required), kept with the request and in the audit log; short, no "
            + "names or other personal data")
    String reason;

    @Mixin
    ConsoleLoginOptions requester;

    /** Where restores wait for approval, stores a request instead (exit 5) for the approver's process to restore. */
    @Override
    int call(ConfigurableApplicationContext context) {
        String chosen = idOr(which, BackupOperations.LATEST);
        OptionalLong request = context.getBean(ApprovalGate.class).requestOrProceed(ApprovalGate.RESTORE,
                "backup " + chosen, BackupApprovedActions.restoreArguments(chosen, to, intoSchema), reason,
                requester.login(), () -> call(context.getBean(BackupOperations.class)), BackupApprovedActions.RESTORED);
        if (request.isPresent()) {
            out().println(ApprovalGate.storedMessage(request.getAsLong()));
            return ControlCommandLine.AWAITING_APPROVAL;
        }
        return ControlCommandLine.OK;
    }

    @Override
    int call(BackupOperations operations) {
        String chosen = idOr(which, BackupOperations.LATEST);
        BackupRestorer.Restored restored;
        try {
            restored = operations.restore(chosen, to, Optional.ofNullable(intoSchema));
        } catch (UnknownBackupException | ExistingTableException e) {
            throw CommandException.usage(e.getMessage());
        }
        out().printf("backup %s restored to %s: archive re-read and verified (%d stored bytes); %d files under "
                        + "files/, %d tables (%d rows) under tables/%n", restored.backupId(), restored.target(),
                restored.storedBytes(), restored.files(), restored.tables().size(), restored.rows());
        for (BackupRestorer.RestoredTable table : restored.tables()) {
            out().printf("  table %s/%s: %d rows in %d %s%s%n", table.source(), table.table(), table.rows(),
                    table.parts(), table.parts() == 1 ? "part" : "parts", table.loadedInto() == null ? ""
                            : ", loaded into " + table.loadedInto() + ": row count and checksum match the manifest");
        }
        return ControlCommandLine.OK;
    }
}
