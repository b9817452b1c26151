package dev.custos.scheduler.evidence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.scheduler.audit.OperatorAction;

/**
 * The periods an operator audit row is about, read from its target as the actions write it: a
 * launch or rerun names {@code <job> <period>}, a four-eyes request its action's target, an
 * approval or rejection {@code approval <id>: <action> <target>}, a backfill a range
 * {@code <job> <from>..<to>} (or {@code schedule <job>} with {@code from=... to=...}), a restart,
 * stop or abandon {@code execution <id>} (the period of that execution's run). None for an action
 * about no period: a pause, a reschedule, a user, a token, a restore, a key, an execution no run
 * records, and an evidence export ({@code evidence <period>}): an export is about the bundle, not
 * the period's results, and a bundle holding its own export's row would change with every export.
 */
final class AuditedPeriods {

    private static final Pattern APPROVAL = Pattern.compile("^approval \\d+: \\S+ (.+)$");
    private static final Pattern EXECUTION = Pattern.compile("^execution (\\d+)$");
    private static final Pattern NAMED = Pattern.compile("^(\\S+) (\\S+)$");
    private static final Pattern RANGE = Pattern.compile("^(\\S+)\\.\\.(\\S+)$");
    /** Targets whose second word is no period of a control's results (a user's name, an evidence bundle's period). */
    private static final Set<String> NO_PERIOD = Set.of("user", "evidence");
    private static final Pattern RANGE_ARGUMENTS = Pattern.compile("^from=(\\S+) to=(\\S+)$");

    private AuditedPeriods() {
    }

    /** The execution a row's target names ({@code execution <id>}), if any. */
    static OptionalLong execution(OperatorAction row) {
        Matcher execution = EXECUTION.matcher(row.target());
        return execution.matches() ? OptionalLong.of(Long.parseLong(execution.group(1))) : OptionalLong.empty();
    }

    /**
     * The periods {@code row} is about, given the period of each execution a run records
     * ({@code executionPeriods}); empty for an action about no period.
     */
    static List<Period> of(OperatorAction row, Map<Long, String> executionPeriods) {
        String target = row.target();
        Matcher approval = APPROVAL.matcher(target);
        if (approval.matches()) {
            target = approval.group(1);
        }
        Matcher execution = EXECUTION.matcher(target);
        if (execution.matches()) {
            return Optional.ofNullable(executionPeriods.get(Long.parseLong(execution.group(1))))
                    .map(AuditedPeriods::periods).orElse(List.of());
        }
        Matcher named = NAMED.matcher(target);
        if (!named.matches() || NO_PERIOD.contains(named.group(1))) {
            return List.of();
        }
        if (named.group(1).equals("schedule")) {
            Matcher range = row.arguments() == null ? null : RANGE_ARGUMENTS.matcher(row.arguments());
            return range != null && range.matches() ? range(range.group(1), range.group(2)) : List.of();
        }
        Matcher range = RANGE.matcher(named.group(2));
        return range.matches() ? range(range.group(1), range.group(2)) : periods(named.group(2));
    }

    private static List<Period> periods(String text) {
        try {
            return List.of(Period.parse(text));
        } catch (InvalidPeriodException e) {
            return List.of();
        }
    }

    private static List<Period> range(String from, String to) {
        try {
            return Period.between(Period.parse(from), Period.parse(to));
        } catch (InvalidPeriodException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
