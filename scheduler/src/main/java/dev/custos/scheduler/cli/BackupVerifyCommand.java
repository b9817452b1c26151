package dev.custos.scheduler.cli;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import dev.custos.common.results.ResultsSchema;
import dev.custos.jobs.backup.BackupCatalog;
import dev.custos.jobs.backup.BackupManifest;
import dev.custos.jobs.backup.BackupObjects;
import dev.custos.jobs.backup.BackupVerifier;
import dev.custos.jobs.backup.VerificationResult;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-read backups in full from the store and check them against their manifests (archive size "
                + "and SHA-256, every entry's size and SHA-256, decrypting with the configured key), and each manifest "
                + "against the one its run recorded in the results schema. Exit 0 when all match, 1 naming the bad "
                + "object otherwise.")
final class BackupVerifyCommand extends BackupStoreCommand {

    static final String LATEST = "latest";
    static final String ALL = "all";

    @Parameters(paramLabel = "ID|latest|all", description = "a backup id such as 2026-11-24.17, latest, or all")
    String which;

    @Override
    int call(CustosContext context) {
        BackupCatalog catalog = catalog(context);
        String chosen = idOr(which, LATEST, ALL);
        BackupCatalog.Listing listing = chosen.equals(ALL) || chosen.equals(LATEST) ? catalog.list()
                : new BackupCatalog.Listing(List.of(), List.of());
        List<String> ids = switch (chosen) {
            case ALL -> listing.ids();
            case LATEST -> listing.latest().stream().toList();
            default -> List.of(chosen);
        };
        if (ids.isEmpty()) {
            out().println("no backups in " + catalog.store().describe());
            return ExitCodes.OK;
        }
        BackupVerifier verifier = new BackupVerifier(catalog, key(context));
        BackupObjects records = new BackupObjects(context.bean(JdbcTemplate.class), context.bean(ResultsSchema.class));
        int failed = 0;
        for (String id : ids) {
            Optional<BackupManifest> recorded = records.recordedManifest(id);
            VerificationResult result = verifier.verify(id, recorded);
            if (result.verified()) {
                out().println(result.message() + (recorded.isPresent() ? ", as its run recorded it"
                        : " (no run of this results schema recorded it: checked against the store's manifest alone)"));
            } else {
                err().println("custos: " + result.message());
                failed++;
            }
        }
        if (ALL.equals(which)) {
            listing.incomplete().forEach(id -> out().println("backup " + id + " is incomplete: objects without a "
                    + "manifest (a failed or still running run), not a backup"));
        }
        if (failed > 0) {
            err().printf("custos: %d of %d %s failed verification%n", failed, ids.size(),
                    ids.size() == 1 ? "backup" : "backups");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
