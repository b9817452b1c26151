package dev.custos.jobs.backup.cli;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import picocli.CommandLine.Command;

import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupListing;
import dev.custos.jobs.backup.BackupOperations;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the backups in the store, oldest first: id, day, stored size, whether the run's verify "
                + "step proved it (results schema), encryption and sources. Ids with objects but no manifest are "
                + "INCOMPLETE: not backups. A manifest that cannot be read is DAMAGED, with the problem; the rest are "
                + "listed all the same.")
final class BackupListCommand extends BackupStoreCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final String FORMAT = "%-24s %-10s %14s %-12s %-19s %-9s  %s%n";

    @Override
    int call(BackupOperations operations) {
        List<BackupListing.Line> lines = operations.list();
        out().printf(FORMAT, "ID", "DAY", "BYTES", "STATE", "VERIFIED (UTC)", "ENCRYPTED", "SOURCES");
        for (BackupListing.Line line : lines) {
            out().printf(FORMAT, line.id(), line.day() == null ? "-" : line.day(),
                    line.size() == null ? "-" : line.size(), line.state(),
                    line.verifiedAt() == null ? "-" : TIME.format(line.verifiedAt()),
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

    private static long count(List<BackupListing.Line> lines, BackupListing.State state) {
        return lines.stream().filter(line -> line.state() == state).count();
    }
}
