package dev.custos.scheduler.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import dev.custos.common.CustosException;
import dev.custos.common.backups.Backups;
import dev.custos.common.command.CommandOutput;

/**
 * The backups page, for OPS, ADMIN and AUDITOR: the backups in the store as {@code custos backup list}
 * lists them, a verification of one (or the latest) as {@code custos backup verify} does it, and the last
 * restore drill of each day; all through the {@link Backups} a control contributes, as the API reads them.
 * Verifying reads the store and changes nothing: it is not audited.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class BackupPages {

    private final ObjectProvider<Backups> backups;

    BackupPages(ObjectProvider<Backups> backups) {
        this.backups = backups;
    }

    public record Backup(String id, String day, Long bytes, String state, String verifiedAt, Boolean encrypted,
                         List<String> sources, String problem) {
    }

    public record Drill(String period, String backupId, String outcome, String drilledAt, int tablesChecked,
                        long rowsChecked, long filesRestored, long millis) {
    }

    @GetMapping("/backups")
    String list(Model model) {
        return page(null, model);
    }

    @PostMapping("/backups/{id}/verify")
    String verify(@PathVariable String id, Model model) {
        Backups store = backups.getIfAvailable();
        if (store != null) {
            try {
                List<Backups.Verification> verdicts = store.verify(id);
                model.addAttribute("verified", verdicts);
                long failed = verdicts.stream().filter(verdict -> !verdict.verified()).count();
                model.addAttribute(failed == 0 ? "notice" : "problem", failed == 0
                        ? "Verified: every stored byte re-read and matched its SHA-256"
                        : failed + " of " + verdicts.size() + " backups failed verification");
            } catch (CustosException e) {
                model.addAttribute("problem", e.getMessage());
            }
        }
        return page(store, model);
    }

    private String page(Backups known, Model model) {
        Backups store = known != null ? known : backups.getIfAvailable();
        if (store == null) {
            model.addAttribute("problem", "no control of this installation keeps backups");
            model.addAttribute("backups", List.of());
            model.addAttribute("drills", List.of());
            return "backups";
        }
        model.addAttribute("store", store.storeDescription());
        model.addAttribute("backups", store.list().stream().map(b -> new Backup(b.id(),
                b.day() == null ? null : b.day().toString(), b.bytes(), b.state(), CommandOutput.utc(b.verifiedAt()),
                b.encrypted(), b.sources(), b.problem())).toList());
        model.addAttribute("drills", store.drills().stream().map(d -> new Drill(d.period(), d.backupId(), d.outcome(),
                CommandOutput.utc(d.drilledAt()), d.tablesChecked(), d.rowsChecked(), d.filesRestored(), d.millis()))
                .toList());
        return "backups";
    }
}
