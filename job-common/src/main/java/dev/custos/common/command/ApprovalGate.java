package dev.custos.common.command;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Four-eyes approval of an action a contributed command carries out ({@code custos backup restore},
 * {@code custos backup key rotate}): when the installation requires a second admin's approval for
 * the action ({@code custos.approvals.required}), the action is not carried out but stored as a
 * request, which the {@link ApprovedAction} of the same name carries out once it is approved. The
 * scheduler provides it (the command line's actor is the OS user; a request's, a console ADMIN
 * proved by {@link ConsoleLogin}); a command finds it in its application.
 */
public interface ApprovalGate {

    /** The action names a gate knows, as {@code custos.approvals.required} lists them. */
    String RERUN = "rerun";
    String BACKFILL = "backfill";
    String RESTORE = "restore";
    String KEY_ROTATION = "key-rotation";

    /**
     * Runs {@code work} now and returns empty when {@code action} needs no approval here (the action
     * is recorded in the operator audit log as the OS user's, once carried out, with the outcome
     * {@code outcome}); otherwise stores a request for it (with {@code arguments}, from which its
     * {@link ApprovedAction} carries it out later, and the requester's {@code reason}) made by the
     * console ADMIN {@code requester} proves to be, and returns the request's id, without running
     * {@code work}.
     *
     * @throws CommandException (usage) approval is required and {@code reason} is blank or no
     *         {@code requester} user is given
     */
    OptionalLong requestOrProceed(String action, String target, Map<String, String> arguments, String reason,
                                  ConsoleLogin requester, Runnable work, String outcome);

    /** What a command prints when it stored a request instead of acting; it then exits {@link ControlCommandLine#AWAITING_APPROVAL}. */
    static String storedMessage(long requestId) {
        return "approval request %d stored; a second admin approves it with custos approvals approve %d"
                .formatted(requestId, requestId);
    }
}
