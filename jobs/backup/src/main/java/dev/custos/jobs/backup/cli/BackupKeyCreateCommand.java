package dev.custos.jobs.backup.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.custos.common.command.CommandException;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Write a new keyset with one AES256_GCM_HKDF_1MB key to FILE, readable by its owner only. "
                + "An existing FILE is never overwritten (use rotate).")
final class BackupKeyCreateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the keyset file to create")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(file)) {
            throw CommandException.usage(file + " exists and is never overwritten: its keys may be the only way to "
                    + "read older backups; add a key with 'custos backup key rotate " + file + "'");
        }
        long keyId;
        try {
            keyId = BackupOperations.createKeyset(file);
        } catch (IOException e) {
            throw CommandException.environment("cannot create the keyset file " + file + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("created %s: a backup keyset with key %d (primary), readable by its "
                + "owner only%nSet custos.backup.key-file=%s, and keep a copy apart from the backups' store: "
                + "without it no encrypted backup can be read.%n", file, keyId, file.toAbsolutePath());
        return ControlCommandLine.OK;
    }
}
