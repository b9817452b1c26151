package dev.custos.scheduler.approval;

import java.util.Map;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.custos.common.command.ApprovalGate;
import dev.custos.scheduler.audit.OperatorAuditLog.Actor;

/** The approval gate of the controls' commands ({@code custos backup restore|key rotate}): the OS user asks. */
@Component
class CommandLineApprovals implements ApprovalGate {

    private final FourEyes fourEyes;

    CommandLineApprovals(FourEyes fourEyes) {
        this.fourEyes = fourEyes;
    }

    @Override
    public OptionalLong requestOrProceed(String action, String target, Map<String, String> arguments, String reason,
                                         Runnable work) {
        return fourEyes.requestOrProceed(Actor.shell(), action, target, arguments, reason, () -> {
            work.run();
            return Boolean.TRUE;
        }).requestId();
    }
}
