package dev.custos.scheduler.quartz;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

import dev.custos.common.period.Period;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.PeriodHold;
import dev.custos.scheduler.launch.RunOutcome;
import dev.custos.scheduler.recovery.StaleExecutionRecovery;

/**
 * The one Quartz job that launches any control: the job name comes from the job data, the period
 * from the trigger's scheduled fire time (not the clock), so a trigger that fires late still
 * runs the period it was due for, and one fired after downtime runs the latest period it missed.
 * The job requests recovery: when the node running it dies, another node fires it again for the
 * same period and resumes the dead node's execution once it is recognised as dead.
 * A run reads the period's folder of the inbox, {@code <custos.inbox>/<job>/<period>/}. A failed run
 * fails the Quartz execution too.
 */
@DisallowConcurrentExecution
public class ControlQuartzJob extends QuartzJobBean {

    public static final String JOB_NAME_KEY = "job";
    public static final String ZONE_KEY = "zone";

    private static final Logger log = LoggerFactory.getLogger(ControlQuartzJob.class);

    @Autowired
    private ControlLauncher launcher;

    @Autowired
    private ControlCatalog catalog;

    @Autowired
    private StaleExecutionRecovery recovery;

    @Autowired
    private PeriodHold periodHold;

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        String job = context.getMergedJobDataMap().getString(JOB_NAME_KEY);
        ZoneId zone = ZoneId.of(context.getMergedJobDataMap().getString(ZONE_KEY));
        LocalDate due = dueFireTime(context).toInstant().atZone(zone).toLocalDate();
        Period period = catalog.control(job).scheduledPeriod(due);
        try {
            if (context.isRecovering()) {
                log.warn("resuming {} {}: the node that was running it stopped (trigger {})", job, period,
                        context.getRecoveringTriggerKey());
                // its execution is left STARTED and its hold kept; the launch would refuse the period until both are
                // recognised as dead. A live holder (the node was not dead after all) runs the period itself: this
                // firing is refired, and once that run has ended the refiring finds the period completed (or resumes it).
                if (!recovery.awaitNoDeadRun(job, period.toString())
                        || !periodHold.awaitNoLiveHolder(job, period.toString())) {
                    String message = ("resuming %s %s: a live process still runs or holds it after %s; this firing is "
                            + "tried again").formatted(job, period, recovery.staleAfter());
                    log.warn(message);
                    throw new JobExecutionException(message, true);
                }
            }
            RunOutcome outcome = launcher.run(job, period, false, null, null);
            if (outcome.alreadyCompleted()) {
                log.info("scheduled {} {}: {}", job, period, outcome.message());
            } else if (!outcome.completed()) {
                log.error("scheduled {} {} ended {} (execution {}): {}", job, period, outcome.status(),
                        outcome.executionId(), outcome.message());
                throw new JobExecutionException("%s %s ended %s: %s".formatted(job, period, outcome.status(),
                        outcome.message()));
            } else {
                log.info("scheduled {} {} completed (execution {})", job, period, outcome.executionId());
                outcome.warnings().forEach(warning -> log.warn("scheduled {} {}: {} {}: {}", job, period,
                        warning.name(), warning.value(), warning.message()));
            }
        } catch (RuntimeException e) {
            log.error("scheduled {} {} could not be launched: {}", job, period, e.getMessage(), e);
            throw new JobExecutionException(e);
        }
    }

    /**
     * A firing recovered from a node that died is a one-off trigger whose scheduled time is the
     * original firing's; the period comes from the original trigger's schedule, as it would have.
     */
    private static Date dueFireTime(JobExecutionContext context) throws JobExecutionException {
        if (!context.isRecovering()) {
            return DueFireTime.of(context.getTrigger(), context.getScheduledFireTime(), context.getPreviousFireTime());
        }
        String original = context.getMergedJobDataMap()
                .getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
        Date scheduled = original == null ? context.getScheduledFireTime() : new Date(Long.parseLong(original));
        try {
            Trigger trigger = context.getScheduler().getTrigger(context.getRecoveringTriggerKey());
            return trigger == null ? scheduled : DueFireTime.latestUpTo(trigger, scheduled);
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot read the trigger of a recovered firing: " + e.getMessage(), e);
        }
    }
}
