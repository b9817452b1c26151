package dev.custos.jobs.backup.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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

    /**
     * The demo's sources, its customer tables (RESTRICTED, hence encrypted) and each day's documents,
     * and a new keyset for its backups, readable by its owner only; an existing one is kept. The demo
     * stands for an installation that ran the whole year it replays, with backups only on its last
     * days: they were due from the year's first day, so its success rate says how many were missed.
     */
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
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("custos.backup.sources[0].name", "crm");
        settings.put("custos.backup.sources[0].type", "jdbc");
        settings.put("custos.backup.sources[0].classification", "RESTRICTED");
        settings.put("custos.backup.sources[0].url", "default");
        settings.put("custos.backup.sources[0].schema", "crm");
        settings.put("custos.backup.sources[1].name", "documents");
        settings.put("custos.backup.sources[1].type", "directory");
        settings.put("custos.backup.sources[1].classification", "CONFIDENTIAL");
        settings.put("custos.backup.key-file", keyset.toString());
        settings.put("custos.backup.due-from", LocalDate.now().minusYears(1).withDayOfYear(1).toString());
        return settings;
    }
}
