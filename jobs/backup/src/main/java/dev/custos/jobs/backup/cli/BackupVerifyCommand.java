package dev.custos.jobs.backup.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.CommandOutput;
import dev.custos.common.command.ControlCommandLine;
import dev.custos.jobs.backup.BackupOperations;
import dev.custos.jobs.backup.VerificationResult;
import dev.custos.jobs.backup.archive.BackupCatalog;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read backups in full from the store and check them against their manifests (archive size "
                + "and SHA-256, every entry's size and SHA-256, decrypting with the configured key), and each manifest "
                + "against the one its run recorded in the results schema. Exit 0 when all match, 1 naming the bad "
                + "object otherwise (with --format json, the verdicts on stdout).")
final class BackupVerifyCommand extends BackupStoreCommand {

    static final String ALL = "all";

    @Parameters(paramLabel = "ID|latest|all", description = "a backup id such as 2026-11-24.17, latest, or all")
    String which;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = CommandOutput.FORMAT_DESCRIPTION)
    CommandOutput.Format format;

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
        if (format == CommandOutput.Format.json) {
            return json(operations, ids, listing);
        }
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

    /** The same verdicts as one JSON document on stdout; the exit code is the text format's. */
    private int json(BackupOperations operations, List<String> ids, BackupCatalog.Listing listing) {
        List<Map<String, Object>> backups = new ArrayList<>();
        operations.verify(ids, verified -> {
            VerificationResult result = verified.result();
            Map<String, Object> backup = new LinkedHashMap<>();
            backup.put("id", result.backupId());
            backup.put("verified", result.verified());
            backup.put("asRecorded", verified.asRecorded());
            backup.put("entries", result.verified() ? result.entries() : null);
            backup.put("storedBytes", result.verified() ? result.storedBytes() : null);
            backup.put("object", result.verified() ? null : result.object());
            backup.put("entry", result.entry());
            backup.put("problem", result.problem());
            backup.put("message", result.message());
            backups.add(backup);
        });
        long failed = backups.stream().filter(backup -> !Boolean.TRUE.equals(backup.get("verified"))).count();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("store", operations.storeDescription());
        document.put("backups", backups);
        document.put("incomplete", ALL.equals(which) ? listing.incomplete() : List.of());
        document.put("failed", failed);
        CommandOutput.printJson(out(), document);
        return failed > 0 ? ControlCommandLine.FAILED : ControlCommandLine.OK;
    }
}
