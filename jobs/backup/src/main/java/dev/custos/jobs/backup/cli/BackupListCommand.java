package dev.custos.jobs.backup.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupListing;
import dev.custos.jobs.backup.BackupOperations;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the backups in the store, oldest first: id, day, stored size, whether the run's verify "
                + "step proved it (results schema), encryption and sources. Ids with objects but no manifest are "
                + "INCOMPLETE: not backups. A manifest that cannot be read is DAMAGED, with the problem; the rest are "
                + "listed all the same. Times in ISO-8601 UTC.")
final class BackupListCommand extends BackupStoreCommand {

    private static final String FORMAT = "%-24s %-10s %14s %-12s %-20s %-9s  %s%n";

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = CommandOutput.FORMAT_DESCRIPTION)
    CommandOutput.Format format;

    @Override
    int call(BackupOperations operations) {
        List<BackupListing.Line> lines = operations.list();
        if (format == CommandOutput.Format.json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("store", operations.storeDescription());
            document.put("backups", lines.stream().map(BackupListCommand::json).toList());
            CommandOutput.printJson(out(), document);
            return ControlCommandLine.OK;
        }
        out().printf(FORMAT, "ID", "DAY", "BYTES", "STATE", "VERIFIED", "ENCRYPTED", "SOURCES");
        for (BackupListing.Line line : lines) {
            out().printf(FORMAT, line.id(), line.day() == null ? "-" : line.day(),
                    line.size() == null ? "-" : line.size(), line.state(),
                    line.verifiedAt() == null ? "-" : CommandOutput.utc(line.verifiedAt()),
                    line.size() == null ? "-" : line.encrypted() ? "yes" : "no",
                    line.problem() == null ? line.sources() : line.problem());
        }
        long incomplete = count(lines, BackupListing.State.INCOMPLETE);
        long damaged = count(lines, BackupListing.State.DAMAGED);
        long backups = lines.size() - incomplete;
        out().printf("%d %s in %s%s%s%n", backups, backups == 1 ? "backup" : "backups", operations.storeDescription(),
                damaged == 0 ? "" : ", " + damaged + " damaged (manifest unreadable)",
                incomplete == 0 ? "" : ", " + incomplete + " incomplete (no manifest)");
        return ControlCommandLine.OK;
    }

    private static Map<String, Object> json(BackupListing.Line line) {
        Map<String, Object> backup = new LinkedHashMap<>();
        backup.put("id", line.id());
        backup.put("day", line.day() == null ? null : line.day().toString());
        backup.put("bytes", line.size());
        backup.put("state", line.state().name());
        backup.put("verifiedAt", CommandOutput.utc(line.verifiedAt()));
        backup.put("encrypted", line.size() == null ? null : line.encrypted());
        backup.put("sources", line.sources() == null || line.sources().isEmpty() ? List.of()
                : List.of(line.sources().split(",")));
        backup.put("problem", line.problem());
        return backup;
    }

    private static long count(List<BackupListing.Line> lines, BackupListing.State state) {
        return lines.stream().filter(line -> line.state() == state).count();
    }
}
