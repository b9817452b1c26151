package dev.custos.scheduler.web;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.alerts.AlertHistory;

/**
 * The alerts page, for OPS, ADMIN and AUDITOR: the latest incidents, open and resolved, with their
 * kind, job, period, times (UTC) and what each channel was sent about them (delivered, retrying or
 * failed, with the attempts made), from the tables the alert evaluation writes.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class AlertPages {

    static final int ALERTS = 200;

    private final AlertHistory history;

    AlertPages(AlertHistory history) {
        this.history = history;
    }

    public record Alert(String kind, String job, String period, String state, int occurrence, String summary,
                        String openedAt, String resolvedAt, List<Delivery> deliveries) {
    }

    public record Delivery(String channel, String message, String outcome, int attempts, String lastStatus,
                           String deliveredAt) {

        public String outcomeClass() {
            return "delivery-" + outcome.toLowerCase(java.util.Locale.ROOT);
        }
    }

    @GetMapping("/alerts")
    String alerts(Model model) {
        List<Alert> alerts = history.recent(ALERTS).stream().map(alert -> new Alert(alert.kind(), alert.job(),
                alert.period(), alert.state(), alert.occurrence(), alert.summary(), CommandOutput.utc(alert.openedAt()),
                CommandOutput.utc(alert.resolvedAt()), alert.deliveries().stream().map(d -> new Delivery(d.channel(),
                        d.message(), d.outcome(), d.attempts(), d.lastStatus(), CommandOutput.utc(d.deliveredAt())))
                        .toList())).toList();
        model.addAttribute("alerts", alerts);
        model.addAttribute("limit", ALERTS);
        return "alerts";
    }
}
