package dev.custos.scheduler.approval;

import java.util.Map;

import dev.custos.common.command.ApprovedAction;

/**
 * An approved action that can also be accepted and left to run in the background, for an approval
 * answered at once (the API's and the console's): {@link #accept} checks and holds what it must
 * now, hands the work to a thread and returns as soon as it is accepted.
 */
interface BackgroundAction extends ApprovedAction {

    /** Accepts the action with the stored {@code arguments} and starts it in the background. */
    Result accept(Map<String, String> arguments);
}
