package dev.custos.jobs.backup.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.CommandException;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "List, verify and restore the backups in the blob store; create and rotate their key. The "
                + "store's manifests say which backups exist; keys come from custos.backup.key-file or "
                + "CUSTOS_BACKUP_KEYSET.",
        subcommands = {BackupListCommand.class, BackupVerifyCommand.class, BackupRestoreCommand.class,
                BackupKeyCommand.class})
final class BackupCommand implements Callable<Integer> {

    private static final String USAGE = "backup needs a command: list, verify ID|latest|all, restore ID|latest "
            + "--to DIR [--into-schema NAME], or key create|rotate FILE";

    @Option(names = "--config", paramLabel = "FILE", description = CommandApplication.CONFIG_DESCRIPTION)
    Path config;

    final CommandApplication application;

    BackupCommand(CommandApplication application) {
        this.application = application;
    }

    @Override
    public Integer call() {
        throw CommandException.usage(USAGE);
    }
}
