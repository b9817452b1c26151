package dev.custos.jobs.backup.cli;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;
import dev.custos.jobs.backup.archive.BackupCatalog;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read backups in full from the store and check them against their manifests (archive size "
                + "and SHA-256, every entry's size and SHA-256, decrypting with the configured key), and each manifest "
                + "against the one its run recorded in the results schema. Exit 0 when all match, 1 naming the bad "
                + "object otherwise.")
final class BackupVerifyCommand extends BackupStoreCommand {

    static final String ALL = "all";

    @Parameters(paramLabel = "ID|latest|all", description = "a backup id such as 2026-11-24.17, latest, or all")
    String which;

    @Override
    int call(BackupOperations operations) {
        String chosen = idOr(which, BackupOperations.LATEST, ALL);
        BackupCatalog.Listing listing = chosen.equals(ALL) || chosen.equals(BackupOperations.LATEST) ? operations.ids()
                : new BackupCatalog.Listing(List.of(), List.of());
        List<String> ids = switch (chosen) {
            case ALL -> listing.ids();
            case BackupOperations.LATEST -> listing.latest().stream().toList();
            default -> List.of(chosen);
        };
        if (ids.isEmpty()) {
            out().println("no backups in " + operations.storeDescription());
            return ControlCommandLine.OK;
        }
        int[] failed = {0};
        operations.verify(ids, verified -> {
            if (verified.result().verified()) {
                out().println(verified.result().message() + (verified.asRecorded() ? ", as its run recorded it"
                        : " (no run of this results schema recorded it: checked against the store's manifest alone)"));
            } else {
                err().println("custos: " + verified.result().message());
                failed[0]++;
            }
        });
        if (ALL.equals(which)) {
            listing.incomplete().forEach(id -> out().println("backup " + id + " is incomplete: objects without a "
                    + "manifest (a failed or still running run), not a backup"));
        }
        if (failed[0] > 0) {
            err().printf("custos: %d of %d %s failed verification%n", failed[0], ids.size(),
                    ids.size() == 1 ? "backup" : "backups");
            return ControlCommandLine.FAILED;
        }
        return ControlCommandLine.OK;
    }
}
