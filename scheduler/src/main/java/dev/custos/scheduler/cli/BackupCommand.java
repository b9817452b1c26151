package dev.custos.scheduler.cli;

import picocli.CommandLine.Command;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "List, verify and restore the backups in the blob store. The store's manifests say which "
                + "backups exist; keys come from custos.backup.key-file or CUSTOS_BACKUP_KEYSET.",
        subcommands = {BackupListCommand.class, BackupVerifyCommand.class, BackupRestoreCommand.class})
final class BackupCommand extends SpringCommand {

    private static final String USAGE = "backup needs a command: list, verify ID|latest|all, or restore ID|latest "
            + "--to DIR [--into-schema NAME]";

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
