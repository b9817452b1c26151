package dev.custos.scheduler.approval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.custos.common.period.Period;

/**
 * The arguments a launcher action's request stores, read back by {@link LaunchActions}. Folders
 * are stored absolute (the approving process runs elsewhere); one left out is the approving
 * process's own setting ({@code custos.inbox}, {@code custos.outbox}).
 */
public final class ApprovalArguments {

    private ApprovalArguments() {
    }

    public static Map<String, String> rerun(String job, Period period, Path inbox, Path outbox, Set<String> options) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(LaunchActions.JOB, job);
        arguments.put(LaunchActions.PERIOD, period.toString());
        folders(arguments, inbox, outbox);
        if (!options.isEmpty()) {
            arguments.put(LaunchActions.OPTIONS, String.join(",", new TreeSet<>(options)));
        }
        return arguments;
    }

    public static Map<String, String> backfill(String job, Period from, Period to, Path inbox, Path outbox) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(LaunchActions.JOB, job);
        arguments.put(LaunchActions.FROM, from.toString());
        arguments.put(LaunchActions.TO, to.toString());
        folders(arguments, inbox, outbox);
        return arguments;
    }

    private static void folders(Map<String, String> arguments, Path inbox, Path outbox) {
        if (inbox != null) {
            arguments.put(LaunchActions.INBOX, inbox.toAbsolutePath().normalize().toString());
        }
        if (outbox != null) {
            arguments.put(LaunchActions.OUTBOX, outbox.toAbsolutePath().normalize().toString());
        }
    }
}
