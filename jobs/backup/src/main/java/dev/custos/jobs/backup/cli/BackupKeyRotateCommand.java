package dev.custos.jobs.backup.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;

@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Add a new key to the keyset in FILE and make it the primary: backups from the next run on are "
                + "encrypted with it, and the older keys stay in FILE to read the older backups. FILE (or the file a "
                + "link FILE points to) is replaced in one step, keeping its owner, group and permissions.")
final class BackupKeyRotateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the keyset file (custos.backup.key-file)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw CommandException.usage("no keyset file " + file + "; create one with 'custos backup key create "
                    + file + "'");
        }
        BackupOperations.Rotation rotation;
        try {
            rotation = BackupOperations.rotateKeyset(file);
        } catch (CustosException unreadable) {
            throw CommandException.environment(unreadable.getMessage(), unreadable);
        }
        spec.commandLine().getOut().printf("rotated %s: key %d is the primary now and encrypts the backups from the "
                + "next run on; keys %s stay to read the older backups%nRenew the copy kept apart from the backups' "
                + "store.%n", file, rotation.primaryKeyId(), rotation.olderKeyIds());
        return ControlCommandLine.OK;
    }
}
