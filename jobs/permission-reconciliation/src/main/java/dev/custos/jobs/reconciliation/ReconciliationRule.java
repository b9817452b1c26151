package dev.custos.jobs.reconciliation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

import dev.custos.common.period.Period;
import dev.custos.common.roster.RosterEntry;

/**
 * The permission-reconciliation control for one month: at most one finding per distinct grant,
 * the first matching rule winning (DESIGN, "Rules"). Plain Java, so the rules can be read and
 * tested without the batch job.
 */
final class ReconciliationRule {

    private final ReconciliationPolicy policy;
    private final Entitlements entitlements;

    ReconciliationRule(ReconciliationPolicy policy, Entitlements entitlements) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.entitlements = Objects.requireNonNull(entitlements, "entitlements");
    }

    /**
     * Reviews one grant as of the last day of {@code month}.
     *
     * @param holder the roster entry of the grant's employee, {@code null} when the roster has none
     * @throws IllegalArgumentException when {@code holder} is another employee's entry
     */
    Optional<Finding> evaluate(Grant grant, RosterEntry holder, Period month) {
        LocalDate end = month.end();
        if (holder == null) {
            return finding(grant, FindingRule.UNKNOWN_IDENTITY);
        }
        if (!holder.employeeId().equals(grant.employeeId())) {
            throw new IllegalArgumentException("grant of " + grant.employeeId() + " reviewed with the roster entry of "
                    + holder.employeeId());
        }
        if (holder.departedBy(end)) {
            Integer days = holder.departedOn() == null ? null : (int) ChronoUnit.DAYS.between(holder.departedOn(), end);
            return Optional.of(new Finding(grant, FindingRule.LEAVER_ACCESS, days));
        }
        if (!entitlements.allow(holder.role(), grant.system(), grant.permission())) {
            return finding(grant, FindingRule.EXCESS_PRIVILEGE);
        }
        if (dormant(grant, end)) {
            return finding(grant, FindingRule.DORMANT);
        }
        return Optional.empty();
    }

    /**
     * Unused (never, or last more than {@code dormantDays} before {@code end}) and granted more than
     * {@code dormantDays} before it: a grant made recently has not had the time to be used.
     */
    boolean dormant(Grant grant, LocalDate end) {
        LocalDate threshold = end.minusDays(policy.dormantDays());
        boolean unused = grant.lastUsedOn() == null || grant.lastUsedOn().isBefore(threshold);
        return unused && grant.grantedOn().isBefore(threshold);
    }

    private static Optional<Finding> finding(Grant grant, FindingRule rule) {
        return Optional.of(new Finding(grant, rule, null));
    }
}
