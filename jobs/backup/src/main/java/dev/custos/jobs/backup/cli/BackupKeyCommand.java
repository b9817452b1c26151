package dev.custos.jobs.backup.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import dev.custos.common.command.CommandException;

@Command(name = "key", mixinStandardHelpOptions = true,
        description = "Create or rotate the keyset that encrypts the backups: a Tink keyset file (JSON), to be "
                + "set as custos.backup.key-file. Needs no database, unless key rotations wait for a second admin's "
                + "approval (custos.approvals.required).",
        subcommands = {BackupKeyCreateCommand.class, BackupKeyRotateCommand.class})
final class BackupKeyCommand implements Callable<Integer> {

    @ParentCommand
    BackupCommand parent;

    @Override
    public Integer call() {
        throw CommandException.usage("backup key needs a command: create FILE or rotate FILE");
    }
}
