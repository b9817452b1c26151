package dev.custos.scheduler.approval;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.custos.common.command.CommandOutput;

/**
 * A stored request for an action that waits for a second admin's approval: what (action, target,
 * the arguments it is carried out with), who asked with which role and why, when, until when it
 * may be approved, its state, who decided it when, and how its execution ended.
 */
public record ApprovalRequest(long id, String action, String target, Map<String, String> arguments, String requester,
                              String requesterRole, String reason, Instant requestedAt, Instant expiresAt, State state,
                              String decidedBy, Instant decidedAt, String outcome) {

    public enum State {
        PENDING, APPROVED, REJECTED, EXPIRED, EXECUTED, FAILED
    }

    /** Its state at {@code now}: a pending request past its expiry is EXPIRED, whether or not that was stored yet. */
    public State stateAt(Instant now) {
        return state == State.PENDING && !now.isBefore(expiresAt) ? State.EXPIRED : state;
    }

    /**
     * The request as {@code custos approvals list --format json} and {@code GET /api/v1/approvals}
     * show it, its state judged at {@code now}; times in ISO-8601 UTC.
     */
    public Map<String, Object> document(Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("state", stateAt(now).name());
        row.put("action", action);
        row.put("target", target);
        row.put("arguments", arguments);
        row.put("requester", requester);
        row.put("requesterRole", requesterRole);
        row.put("reason", reason);
        row.put("requestedAt", CommandOutput.utc(requestedAt));
        row.put("expiresAt", CommandOutput.utc(expiresAt));
        row.put("decidedBy", decidedBy);
        row.put("decidedAt", CommandOutput.utc(decidedAt));
        row.put("outcome", outcome);
        return row;
    }
}
