package dev.custos.scheduler.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.custos.common.CustosException;
import dev.custos.scheduler.approval.ApprovalRequest;
import dev.custos.scheduler.approval.FourEyes;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;

/**
 * {@code /api/v1/approvals}: the four-eyes requests ({@code custos approvals list}), and their
 * approval (the action is then carried out by this node: a rerun or backfill is answered 202 once
 * accepted and runs in the background, as a launch asked here is; a restore or key rotation is
 * answered when it ends) or
 * rejection, through the same {@link FourEyes} as {@code custos approvals approve|reject}. The
 * requester approving is 403, a request no longer pending (decided, expired) 409, an unknown one 404.
 */
@RestController
@RequestMapping("/api/v1/approvals")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApprovalsApi {

    private static final int LISTED = 200;

    private final FourEyes fourEyes;

    ApprovalsApi(FourEyes fourEyes) {
        this.fourEyes = fourEyes;
    }

    record Decision(long id, String state, boolean succeeded, String outcome, String summary) {
    }

    @GetMapping
    List<Map<String, Object>> list() {
        Instant now = fourEyes.now();
        return fourEyes.recent(LISTED).stream().map(request -> request.document(now)).toList();
    }

    @PostMapping("/{id}/approve")
    ResponseEntity<Decision> approve(@PathVariable long id, Authentication user, HttpServletRequest request) {
        FourEyes.Executed executed = fourEyes.approveInBackground(id, actor(user, request));
        return ResponseEntity.status(executed.runsInBackground() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(new Decision(id, executed.request().state().name(), executed.result().succeeded(),
                        executed.result().outcome(), executed.result().summary()));
    }

    @PostMapping("/{id}/reject")
    Decision reject(@PathVariable long id, Authentication user, HttpServletRequest request) {
        ApprovalRequest rejected = fourEyes.reject(id, actor(user, request));
        return new Decision(id, rejected.state().name(), true, rejected.state().name(), null);
    }

    private static OperatorAuditLog.Actor actor(Authentication user, HttpServletRequest request) {
        return Authenticated.actor(user, request);
    }

    @ExceptionHandler(FourEyes.UnknownApprovalException.class)
    ProblemDetail unknown(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(FourEyes.ApprovalRefusedException.class)
    ProblemDetail refused(FourEyes.ApprovalRefusedException e) {
        HttpStatus status = e.reason() == FourEyes.ApprovalRefusedException.Reason.OWN_REQUEST ? HttpStatus.FORBIDDEN
                : HttpStatus.CONFLICT;
        return ProblemDetail.forStatusAndDetail(status, e.getMessage());
    }

    /** The approved action failed: it was carried out and the request is FAILED with why. */
    @ExceptionHandler(CustosException.class)
    ProblemDetail failed(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
