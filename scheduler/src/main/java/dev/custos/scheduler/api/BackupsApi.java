package dev.custos.scheduler.api;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.backups.Backups;
import dev.custos.common.command.CommandOutput;

/**
 * {@code /api/v1/backups}: the backups in the store as {@code custos backup list --format json}
 * lists them, verification of one ({@code latest} for the newest) as {@code custos backup verify}
 * does it, and the last restore drill of each period; all through the {@link Backups} a control
 * contributes (404 when none does). Verifying reads and changes nothing: it is not audited.
 */
@RestController
@RequestMapping("/api/v1/backups")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class BackupsApi {

    private final ObjectProvider<Backups> backups;

    BackupsApi(ObjectProvider<Backups> backups) {
        this.backups = backups;
    }

    record BackupList(String store, List<Backup> backups) {
    }

    record Backup(String id, String day, Long bytes, String state, String verifiedAt, Boolean encrypted,
                  List<String> sources, String problem) {
    }

    record Verifications(String store, List<Backups.Verification> backups, long failed) {
    }

    record Drill(String period, String backupId, String outcome, String drilledAt, int tablesChecked,
                 long rowsChecked, long filesRestored, long millis) {
    }

    @GetMapping
    BackupList list() {
        Backups store = backups();
        return new BackupList(store.storeDescription(), store.list().stream().map(b -> new Backup(b.id(),
                b.day() == null ? null : b.day().toString(), b.bytes(), b.state(), CommandOutput.utc(b.verifiedAt()),
                b.encrypted(), b.sources(), b.problem())).toList());
    }

    @PostMapping("/{id}/verify")
    Verifications verify(@PathVariable String id) {
        Backups store = backups();
        List<Backups.Verification> verdicts = store.verify(id);
        return new Verifications(store.storeDescription(), verdicts,
                verdicts.stream().filter(verdict -> !verdict.verified()).count());
    }

    @GetMapping("/drills")
    List<Drill> drills() {
        return backups().drills().stream().map(d -> new Drill(d.period(), d.backupId(), d.outcome(),
                CommandOutput.utc(d.drilledAt()), d.tablesChecked(), d.rowsChecked(), d.filesRestored(), d.millis()))
                .toList();
    }

    private Backups backups() {
        Backups store = backups.getIfAvailable();
        if (store == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no control of this installation keeps backups");
        }
        return store;
    }
}
