package dev.custos.jobs.backup;

import java.util.ArrayList;
import java.util.List;

import dev.custos.common.backups.Backups;

/** The backups as the console shows them, through the {@link BackupOperations} {@code custos backup} uses. */
final class ConsoleBackups implements Backups {

    private final BackupOperations operations;
    private final RestoreDrills drills;

    ConsoleBackups(BackupOperations operations, RestoreDrills drills) {
        this.operations = operations;
        this.drills = drills;
    }

    @Override
    public String storeDescription() {
        return operations.storeDescription();
    }

    @Override
    public List<Backup> list() {
        return operations.list().stream().map(line -> new Backup(line.id(), line.day(), line.size(),
                line.state().name(), line.verifiedAt(), line.size() == null ? null : line.encrypted(),
                line.sources() == null || line.sources().isEmpty() ? List.of() : List.of(line.sources().split(",")),
                line.problem())).toList();
    }

    @Override
    public List<Verification> verify(String idOrLatest) {
        List<String> ids;
        if (LATEST.equals(idOrLatest)) {
            ids = operations.ids().latest().stream().toList();
        } else if (BackupOperations.isBackupId(idOrLatest)) {
            ids = List.of(idOrLatest);
        } else {
            throw new NotABackupIdException("not a backup id: '" + idOrLatest
                    + "' (expected an id such as 2026-11-24.17, or latest)");
        }
        List<Verification> verdicts = new ArrayList<>();
        operations.verify(ids, verified -> {
            VerificationResult result = verified.result();
            verdicts.add(new Verification(result.backupId(), result.verified(), verified.asRecorded(),
                    result.verified() ? result.entries() : null, result.verified() ? result.storedBytes() : null,
                    result.verified() ? null : result.object(), result.entry(), result.problem(), result.message()));
        });
        return verdicts;
    }

    @Override
    public List<Drill> drills() {
        return drills.lastOfEachPeriod().stream().map(drill -> new Drill(drill.period(), drill.drill().backupId(),
                "PASSED", drill.drill().drilledAt(), drill.drill().tables(), drill.drill().rows(),
                drill.drill().files(), drill.drill().millis())).toList();
    }

}
