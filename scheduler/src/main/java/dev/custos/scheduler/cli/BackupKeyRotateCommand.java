package dev.custos.scheduler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.custos.common.CustosException;
import dev.custos.jobs.backup.BackupKey;

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
            throw new UsageException("no keyset file " + file + "; create one with 'custos backup key create "
                    + file + "'");
        }
        String origin = "key file " + file;
        String keyset;
        try {
            keyset = Files.readString(file);
        } catch (IOException e) {
            throw new EnvironmentException("cannot read the keyset file " + file + ": " + e.getClass().getSimpleName(), e);
        }
        List<Long> older;
        try {
            older = BackupKey.fromJson(keyset, origin).keyIds();
        } catch (CustosException notAKeyset) {
            throw new EnvironmentException(notAKeyset.getMessage(), notAKeyset);
        }
        String rotated = BackupKey.rotatedKeysetJson(keyset, origin);
        try {
            KeysetFile.replace(file, rotated);
        } catch (IOException e) {
            throw new EnvironmentException("cannot replace the keyset file " + file + " (it is unchanged): "
                    + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("rotated %s: key %d is the primary now and encrypts the backups from the "
                + "next run on; keys %s stay to read the older backups%nRenew the copy kept apart from the backups' "
                + "store.%n", file, BackupKey.fromJson(rotated, origin).primaryKeyId(), older);
        return ExitCodes.OK;
    }
}
