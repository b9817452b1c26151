package dev.custos.common.results;

import java.time.temporal.ChronoUnit;

import dev.custos.common.CustosException;

/** A run refused because another run of the same (job, period) holds it. */
public class PeriodBusyException extends CustosException {

    public PeriodBusyException(String job, String period, PeriodLock.Holder holder) {
        super("%s %s is already running%s on %s (pid %d) since %s; nothing was run: wait for it to end "
                .formatted(job, period, holder.executionId() == null ? " (its execution is starting)"
                                : " as execution " + holder.executionId(), holder.host(), holder.pid(),
                        holder.acquiredAt().truncatedTo(ChronoUnit.SECONDS))
                + "(custos executions --job " + job + ")");
    }
}
