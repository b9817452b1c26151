package dev.custos.jobs.backup.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.custos.common.command.CommandApplication;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;

/**
 * {@code custos backup list | verify | restore | key}, and the demo's backup keyset. Listed in
 * {@code META-INF/spring.factories}.
 */
final class BackupCommandLine implements ControlCommandLine {

    static final String DEMO_KEYSET = "backup-keyset.json";

    @Override
    public Object command(CommandApplication application) {
        return new BackupCommand(application);
    }

    /** A new keyset for the demo's backups, readable by its owner only; an existing one is kept. */
    @Override
    public Map<String, String> demoSettings(Path home) {
        Path keyset = home.resolve(DEMO_KEYSET);
        if (!Files.exists(keyset)) {
            try {
                BackupOperations.createKeyset(keyset);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + keyset, e);
            }
        }
        return Map.of("custos.backup.key-file", keyset.toString());
    }
}
