package dev.custos.scheduler.approval;

import java.util.Map;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.custos.common.command.ApprovalGate;
import dev.custos.common.command.ConsoleLogin;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * The approval gate of the controls' commands ({@code custos backup restore|key rotate}): carried out
 * at once, the action is the OS user's and is audited once done; waiting for approval, the request
 * is the console ADMIN's that {@link CommandLineIdentity} proves. The audit log is reached before the
 * action starts, so an action is never carried out where it could not be recorded.
 */
@Component
class CommandLineApprovals implements ApprovalGate {

    private final FourEyes fourEyes;
    private final CommandLineIdentity identity;
    private final OperatorAuditLog auditLog;

    CommandLineApprovals(FourEyes fourEyes, CommandLineIdentity identity, OperatorAuditLog auditLog) {
        this.fourEyes = fourEyes;
        this.identity = identity;
        this.auditLog = auditLog;
    }

    @Override
    public OptionalLong requestOrProceed(String action, String target, Map<String, String> arguments, String reason,
                                         ConsoleLogin requester, Runnable work, String outcome) {
        if (!fourEyes.required(action)) {
            auditLog.checkReachable();
        }
        return fourEyes.requestOrProceed(identity.of(action, reason, requester, fourEyes), action, target, arguments, reason,
                () -> {
                    work.run();
                    return outcome;
                }, done -> done).requestId();
    }
}
