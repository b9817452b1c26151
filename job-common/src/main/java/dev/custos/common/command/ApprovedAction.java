package dev.custos.common.command;

import java.util.Map;

/**
 * An action that may wait for a second admin's approval ({@link ApprovalGate}), carried out from
 * the arguments its request stored, by the process that approves it: a bean, found by
 * {@link #name()}. It throws a {@link dev.custos.common.CustosException} when it cannot be carried out.
 */
public interface ApprovedAction {

    /** The action's name, e.g. {@link ApprovalGate#RESTORE}. */
    String name();

    /** Carries the action out with the stored {@code arguments}. */
    Result carryOut(Map<String, String> arguments);

    /**
     * How it went: whether it succeeded, a short outcome for the audit log ({@code COMPLETED},
     * {@code ROTATED}) and one line for the operator.
     */
    record Result(boolean succeeded, String outcome, String summary) {
    }
}
