package dev.custos.common.command;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Four-eyes approval of an action a contributed command carries out ({@code custos backup restore},
 * {@code custos backup key rotate}): when the installation requires a second admin's approval for
 * the action ({@code custos.approvals.required}), the action is not carried out but stored as a
 * request, which the {@link ApprovedAction} of the same name carries out once it is approved. The
 * scheduler provides it (the command line's actor is the OS user); a command finds it in its
 * application.
 */
public interface ApprovalGate {

    /** The action names a gate knows, as {@code custos.approvals.required} lists them. */
    String RERUN = "rerun";
    String BACKFILL = "backfill";
    String RESTORE = "restore";
    String KEY_ROTATION = "key-rotation";

    /**
     * Runs {@code work} now and returns empty when {@code action} needs no approval here; otherwise
     * stores a request for it (with {@code arguments}, from which its {@link ApprovedAction} carries
     * it out later, and the requester's {@code reason}) and returns the request's id, without
     * running {@code work}.
     *
     * @throws CommandException (usage) approval is required and {@code reason} is blank
     */
    OptionalLong requestOrProceed(String action, String target, Map<String, String> arguments, String reason,
                                  Runnable work);

    /** What a command prints when it stored a request instead of acting; it then exits {@link ControlCommandLine#AWAITING_APPROVAL}. */
    static String storedMessage(long requestId) {
        return "approval request %d stored; a second admin approves it with custos approvals approve %d"
                .formatted(requestId, requestId);
    }
}
