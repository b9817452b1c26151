package dev.custos.scheduler.approval;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.custos.common.command.ApprovalGate;

/**
 * {@code custos.approvals.*}: which actions wait for a second admin's approval ({@code required},
 * a list of {@code rerun}, {@code restore}, {@code backfill}, {@code key-rotation}; empty, the
 * default, carries every action out at once) and how long a request may be approved
 * ({@code expiry}, default 24 hours).
 */
@ConfigurationProperties("custos.approvals")
public record ApprovalProperties(@DefaultValue Set<String> required, @DefaultValue("24h") Duration expiry) {

    /** The actions that can be made to wait for approval. */
    public static final Set<String> ACTIONS = Set.of(ApprovalGate.RERUN, ApprovalGate.RESTORE, ApprovalGate.BACKFILL,
            ApprovalGate.KEY_ROTATION);

    public ApprovalProperties {
        required = required == null ? Set.of() : Set.copyOf(required);
        Set<String> unknown = new TreeSet<>(required);
        unknown.removeAll(ACTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("custos.approvals.required names no action that can wait for approval: "
                    + unknown + "; the actions are " + new TreeSet<>(ACTIONS));
        }
        if (expiry == null || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("custos.approvals.expiry must be a positive duration, found " + expiry);
        }
    }

    public boolean requires(String action) {
        return required.contains(action);
    }
}
