package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "List, verify and restore the backups in the blob store; create and rotate their key. The "
                + "store's manifests say which backups exist; keys come from custos.backup.key-file or "
                + "CUSTOS_BACKUP_KEYSET.",
        subcommands = {BackupListCommand.class, BackupVerifyCommand.class, BackupRestoreCommand.class,
                BackupKeyCommand.class})
final class BackupCommand extends SpringCommand {

    private static final String USAGE = "backup needs a command: list, verify ID|latest|all, restore ID|latest "
            + "--to DIR [--into-schema NAME], or key create|rotate FILE";

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    @Override
    public Integer call() {
        throw new UsageException(USAGE);
    }

    @Override
    int call(CustosContext context) {
        throw new UsageException(USAGE);
    }
}
