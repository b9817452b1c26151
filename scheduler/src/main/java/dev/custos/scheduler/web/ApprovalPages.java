package dev.custos.scheduler.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.custos.common.CustosException;
import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.approval.ApprovalRequest;
import dev.custos.scheduler.approval.FourEyes;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;

/**
 * The four-eyes requests ({@code custos approvals list}), newest first, for ADMIN and AUDITOR; an
 * ADMIN approves (the action is then carried out by this node: a rerun or backfill runs in the
 * background and the page answers at once, a restore or key rotation when it ended) or rejects a pending request through the same {@link FourEyes} as the API and the command line.
 * The requester is offered no Approve on their own request, only Withdraw.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApprovalPages {

    static final int ROWS = 200;

    private final FourEyes fourEyes;

    ApprovalPages(FourEyes fourEyes) {
        this.fourEyes = fourEyes;
    }

    public record Row(long id, String state, String action, String target, String requester, String requesterRole,
                      String reason, String requestedAt, String expiresAt, String decidedBy, String decidedAt,
                      String outcome, boolean pending, boolean own) {
    }

    @GetMapping("/approvals")
    String list(Authentication user, Model model) {
        Instant now = fourEyes.now();
        String viewer = user.getName();
        List<Row> rows = fourEyes.recent(ROWS).stream().map(request -> row(request, now, viewer)).toList();
        model.addAttribute("requests", rows);
        model.addAttribute("limit", ROWS);
        return "approvals";
    }

    @PostMapping("/approvals/{id}/approve")
    String approve(@PathVariable long id, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        try {
            FourEyes.Executed executed = fourEyes.approveInBackground(id, actor(user, request));
            flash.addFlashAttribute("notice", "Approval request %d approved%s: %s%s".formatted(id,
                    executed.runsInBackground() ? "" : " and carried out",
                    executed.result().outcome(), executed.result().summary() == null ? ""
                            : " (" + executed.result().summary() + ")"));
        } catch (FourEyes.UnknownApprovalException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/approvals";
    }

    @PostMapping("/approvals/{id}/reject")
    String reject(@PathVariable long id, Authentication user, HttpServletRequest request, RedirectAttributes flash) {
        try {
            fourEyes.reject(id, actor(user, request));
            flash.addFlashAttribute("notice", "Approval request %d rejected: its action will not be carried out"
                    .formatted(id));
        } catch (FourEyes.UnknownApprovalException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/approvals";
    }

    private static Row row(ApprovalRequest request, Instant now, String viewer) {
        ApprovalRequest.State state = request.stateAt(now);
        return new Row(request.id(), state.name(), request.action(), request.target(), request.requester(),
                request.requesterRole(), request.reason(), CommandOutput.utc(request.requestedAt()),
                CommandOutput.utc(request.expiresAt()), request.decidedBy(), CommandOutput.utc(request.decidedAt()),
                request.outcome(), state == ApprovalRequest.State.PENDING,
                FourEyes.samePerson(request.requester(), viewer));
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }
}
