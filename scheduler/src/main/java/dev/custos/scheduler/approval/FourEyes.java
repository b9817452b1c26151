package dev.custos.scheduler.approval;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

import dev.custos.common.CustosException;
import dev.custos.common.command.ApprovedAction;
import dev.custos.common.command.CommandException;
import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.approval.ApprovalRequest.State;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.audit.OperatorAuditLog.Actor;

/**
 * Four-eyes approvals: the one place an action that may need a second admin's approval (a rerun of
 * a completed period, a backfill, a restore, a key rotation) goes through, from the command line
 * and the API alike. When {@code custos.approvals.required} names the action, it is stored as a
 * request instead of being carried out; another admin approves it (the requester cannot), and it
 * is then carried out once, by the approving process, through the {@link ApprovedAction} of its
 * name. Requests, approvals, rejections, an approval refused because the request expired, and
 * each execution go to the operator audit log.
 */
@Service
@EnableConfigurationProperties(ApprovalProperties.class)
public class FourEyes {

    /** Audit actions of the approval itself (an execution is recorded under the request's own action). */
    static final String REQUEST = "approval-request";
    static final String APPROVE = "approve";
    static final String REJECT = "reject";
    /** How a single sign-on user's name starts ({@code sso:<registration-id>:<name>}). */
    private static final String SINGLE_SIGN_ON = "sso:";

    private final ApprovalRequests requests;
    private final ApprovalProperties properties;
    private final OperatorAuditLog auditLog;
    private final ObjectProvider<ApprovedAction> actions;
    private final Clock clock = Clock.systemUTC();

    FourEyes(ApprovalRequests requests, ApprovalProperties properties, OperatorAuditLog auditLog,
             ObjectProvider<ApprovedAction> actions) {
        this.requests = requests;
        this.properties = properties;
        this.auditLog = auditLog;
        this.actions = actions;
    }

    /** An action carried out at once (its result), or stored for approval (the request's id). */
    public record Gated<T>(T result, OptionalLong requestId) {

        public boolean awaitingApproval() {
            return requestId.isPresent();
        }
    }

    /** An approved request and how its execution went. */
    public record Executed(ApprovalRequest request, ApprovedAction.Result result) {

        /** The action was accepted and runs in the background ({@link #approveInBackground}). */
        public boolean runsInBackground() {
            return LaunchActions.ACCEPTED.equals(result.outcome());
        }
    }

    /** Whether {@code action} waits for a second admin's approval here. */
    public boolean required(String action) {
        return properties.requires(action);
    }

    /**
     * Carries {@code work} out now when {@code action} needs no approval, audited under
     * {@code action} with the outcome {@code DONE}; otherwise stores a request (audited as
     * {@code approval-request}) that the {@link ApprovedAction} named {@code action} carries out from
     * {@code arguments} once another admin approves it, and returns its id.
     *
     * @throws CommandException (usage) approval is required and {@code reason} is blank
     */
    public <T> Gated<T> requestOrProceed(Actor actor, String action, String target, Map<String, String> arguments,
                                         String reason, Supplier<T> work) {
        return requestOrProceed(actor, action, target, arguments, reason, work, done -> "DONE");
    }

    /**
     * As {@link #requestOrProceed(Actor, String, String, Map, String, Supplier)}, and the work carried
     * out at once is audited under {@code action} with {@code outcome} of its result.
     */
    public <T> Gated<T> requestOrProceed(Actor actor, String action, String target, Map<String, String> arguments,
                                         String reason, Supplier<T> work, Function<T, String> outcome) {
        if (!required(action)) {
            return new Gated<>(auditLog.carryOut(actor, action, target, ApprovalRequests.json(arguments), reason, work,
                    outcome), OptionalLong.empty());
        }
        return request(actor, action, target, arguments, reason);
    }

    /**
     * Refuses a request for {@code action} without a reason, where {@code action} waits for approval.
     *
     * @throws CommandException (usage) approval is required and {@code reason} is blank
     */
    public void requireReason(String action, String reason) {
        if (required(action) && (reason == null || reason.isBlank())) {
            throw CommandException.usage("a %s needs a second admin's approval here (custos.approvals.required): "
                    .formatted(action) + "give the reason for it (--reason TEXT); nothing was done");
        }
    }

    private <T> Gated<T> request(Actor actor, String action, String target, Map<String, String> arguments,
                                 String reason) {
        requireReason(action, reason);
        Instant now = clock.instant();
        long id = auditLog.carryOut(actor, REQUEST, target, ApprovalRequests.json(arguments), reason,
                () -> requests.insert(action, target, arguments, actor.name(), actor.role(), reason, now,
                        now.plus(properties.expiry())),
                requestId -> "PENDING " + requestId);
        return new Gated<>(null, OptionalLong.of(id));
    }

    /** The newest {@code limit} requests, newest first. */
    public List<ApprovalRequest> recent(int limit) {
        return requests.recent(limit);
    }

    /** The time the states of {@link #recent} are judged at ({@link ApprovalRequest#stateAt}). */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Approves request {@code id} as {@code approver} and carries its action out, once: of two
     * approvals at the same time, one wins and the other is refused.
     *
     * @throws UnknownApprovalException there is no such request
     * @throws ApprovalRefusedException the approver made the request, or it is no longer pending (decided or expired)
     * @throws CustosException the action failed (the request is then FAILED, the failure audited)
     */
    public Executed approve(long id, Actor approver) {
        return approve(id, approver, false);
    }

    /**
     * As {@link #approve(long, Actor)}, answered once the action is accepted: a rerun or backfill holds
     * its period or checks its inputs, then runs in the background (the request is EXECUTED with the
     * outcome {@code ACCEPTED}, the run's own end is in its execution); other actions are carried out
     * before it returns.
     */
    public Executed approveInBackground(long id, Actor approver) {
        return approve(id, approver, true);
    }

    private Executed approve(long id, Actor approver, boolean inBackground) {
        ApprovalRequest request = pending(id, approver, APPROVE);
        if (samePerson(request.requester(), approver.name())) {
            throw new ApprovalRefusedException(ApprovalRefusedException.Reason.OWN_REQUEST, ("approval request %d was "
                    + "made by you; another admin must approve it (four eyes)").formatted(id));
        }
        ApprovedAction action = action(request.action());
        Instant decidedAt = clock.instant();
        auditLog.carryOut(approver, APPROVE, target(request), null, request.reason(), () -> {
            if (!requests.decide(id, State.APPROVED, approver.name(), decidedAt)) {
                throw notPending(id, approver, APPROVE);
            }
            return State.APPROVED;
        }, State::name);
        Attempt attempt = auditLog.carryOut(approver, request.action(), request.target(),
                ApprovalRequests.json(request.arguments()), request.reason(), () -> attempt(action, request, inBackground),
                done -> done.result().outcome());
        requests.finish(id, attempt.result().succeeded() ? State.EXECUTED : State.FAILED,
                shorten(attempt.result().summary()));
        if (attempt.failure() != null) {
            throw attempt.failure();
        }
        return new Executed(requests.find(id).orElseThrow(), attempt.result());
    }

    /**
     * Rejects request {@code id} as {@code decider} (the requester may withdraw their own); the action
     * is never carried out.
     */
    public ApprovalRequest reject(long id, Actor decider) {
        ApprovalRequest request = pending(id, decider, REJECT);
        Instant decidedAt = clock.instant();
        auditLog.carryOut(decider, REJECT, target(request), null, request.reason(), () -> {
            if (!requests.decide(id, State.REJECTED, decider.name(), decidedAt)) {
                throw notPending(id, decider, REJECT);
            }
            return State.REJECTED;
        }, State::name);
        return requests.find(id).orElseThrow();
    }

    /** The request, pending; an expired one is marked EXPIRED (audited) and refused. */
    private ApprovalRequest pending(long id, Actor decider, String decision) {
        ApprovalRequest request = requests.find(id).orElseThrow(() -> new UnknownApprovalException(
                "no approval request " + id + " (custos approvals list shows them)"));
        Instant now = clock.instant();
        if (request.stateAt(now) == State.EXPIRED && request.state() == State.PENDING) {
            auditLog.carryOut(decider, decision, target(request), null, request.reason(), () -> {
                requests.expire(id, now);
                return State.EXPIRED;
            }, State::name);
        }
        if (request.stateAt(now) != State.PENDING) {
            throw notPending(id, decider, decision);
        }
        return request;
    }

    private ApprovalRefusedException notPending(long id, Actor decider, String decision) {
        ApprovalRequest request = requests.find(id).orElseThrow();
        State state = request.stateAt(clock.instant());
        if (state == State.EXPIRED) {
            return new ApprovalRefusedException(ApprovalRefusedException.Reason.EXPIRED, ("approval request %d expired "
                    + "at %s and cannot be %s; make the request again").formatted(id,
                    CommandOutput.utc(request.expiresAt()), decision.equals(APPROVE) ? "approved" : "rejected"));
        }
        return new ApprovalRefusedException(ApprovalRefusedException.Reason.DECIDED, ("approval request %d is %s%s, "
                + "no longer pending; nothing was done").formatted(id, state, request.decidedBy() == null ? ""
                : " (decided at " + CommandOutput.utc(request.decidedAt()) + ")"));
    }

    private ApprovedAction action(String name) {
        return actions.stream().filter(action -> action.name().equals(name)).findFirst()
                .orElseThrow(() -> new CustosException("no action '" + name + "' can be carried out here"));
    }

    /** The action's result; a failure is kept, recorded as FAILED and thrown once the request records it. */
    private static Attempt attempt(ApprovedAction action, ApprovalRequest request, boolean inBackground) {
        try {
            return new Attempt(inBackground && action instanceof BackgroundAction background
                    ? background.accept(request.arguments()) : action.carryOut(request.arguments()), null);
        } catch (RuntimeException e) {
            String message = e instanceof CustosException ? e.getMessage() : e.getClass().getSimpleName();
            return new Attempt(new ApprovedAction.Result(false, "FAILED", message), e);
        }
    }

    private record Attempt(ApprovedAction.Result result, RuntimeException failure) {
    }

    private static String target(ApprovalRequest request) {
        return "approval " + request.id() + ": " + request.action() + " " + request.target();
    }

    /**
     * Whether {@code decider} may be the person who made a request of {@code requester}: the names
     * compared as a login would, a single sign-on name ({@code sso:<registration-id>:<name>}) by its
     * provider's name. The names stay apart wherever they are recorded; for four eyes, a provider's
     * "alice" and the console's "alice" are taken for one person rather than risk one person's two logins.
     */
    public static boolean samePerson(String requester, String decider) {
        return person(requester).equals(person(decider));
    }

    private static String person(String name) {
        String person = name.strip();
        if (person.startsWith(SINGLE_SIGN_ON)) {
            int registrationEnd = person.indexOf(':', SINGLE_SIGN_ON.length());
            person = registrationEnd < 0 ? person : person.substring(registrationEnd + 1);
        }
        return person.toLowerCase(Locale.ROOT);
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }

    /** An approval request id that does not exist. */
    public static class UnknownApprovalException extends CustosException {
        UnknownApprovalException(String message) {
            super(message);
        }
    }

    /** An approval or rejection refused: the requester approving, or a request no longer pending. */
    public static class ApprovalRefusedException extends CustosException {

        public enum Reason {
            OWN_REQUEST, DECIDED, EXPIRED
        }

        private final Reason reason;

        ApprovalRefusedException(Reason reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }

}
