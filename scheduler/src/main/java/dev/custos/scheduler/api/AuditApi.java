package dev.custos.scheduler.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.audit.OperatorAction;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * {@code /api/v1/audit}: the operator audit log, newest first, filtered by time (ISO-8601 instants,
 * {@code from} inclusive, {@code to} exclusive), actor and action, a page at a time. Reading it is
 * not an action and leaves no row.
 */
@RestController
@RequestMapping("/api/v1/audit")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AuditApi {

    static final int MAX_PAGE_SIZE = 500;

    private final OperatorAuditLog auditLog;

    AuditApi(OperatorAuditLog auditLog) {
        this.auditLog = auditLog;
    }

    record AuditPage(List<Entry> entries, int page, int size) {
    }

    record Entry(long id, String occurredAt, String actor, String role, String action, String target,
                 String arguments, String reason, String outcome, String clientAddress) {
    }

    @GetMapping
    AuditPage list(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "page is 0 or more and size from 1 to " + MAX_PAGE_SIZE);
        }
        List<Entry> entries = auditLog.find(instant("from", from), instant("to", to), blankToNull(actor),
                blankToNull(action), size, page * size).stream().map(AuditApi::entry).toList();
        return new AuditPage(entries, page, size);
    }

    private static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    name + " is an ISO-8601 UTC time such as 2026-11-24T00:00:00Z");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static Entry entry(OperatorAction row) {
        return new Entry(row.id(), CommandOutput.utc(row.occurredAt()), row.actor(), row.role(), row.action(),
                row.target(), row.arguments(), row.reason(), row.outcome(), row.clientAddress());
    }
}
