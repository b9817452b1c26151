package dev.custos.scheduler.web;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.audit.OperatorAuditLog;

/** The operator audit log, newest first, for AUDITOR and ADMIN. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditPages {

    static final int ROWS = 200;

    private final OperatorAuditLog auditLog;

    AuditPages(OperatorAuditLog auditLog) {
        this.auditLog = auditLog;
    }

    public record Entry(long id, String occurredAt, String actor, String role, String action, String target,
                        String arguments, String reason, String outcome, String clientAddress) {
    }

    @GetMapping("/audit")
    String audit(Model model) {
        List<Entry> entries = auditLog.recent(ROWS).stream().map(row -> new Entry(row.id(),
                CommandOutput.utc(row.occurredAt()), row.actor(), row.role(), row.action(), row.target(),
                row.arguments(), row.reason(), row.outcome(), row.clientAddress())).toList();
        model.addAttribute("entries", entries);
        model.addAttribute("limit", ROWS);
        return "audit";
    }
}
