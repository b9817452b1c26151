package dev.custos.scheduler.audit;

import java.time.Instant;

/**
 * One row of the operator audit log: who (the console user, or the OS user for the command line),
 * with which role, did what to which target, with which arguments and reason, how it ended, when
 * (UTC) and from where (the client's address, or {@code cli@host}).
 */
public record OperatorAction(long id, Instant occurredAt, String actor, String role, String action, String target,
                             String arguments, String reason, String outcome, String clientAddress) {
}
