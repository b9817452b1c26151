package dev.custos.scheduler.quartz;

import java.time.LocalDate;
import java.time.ZoneId;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.quartz.QuartzJobBean;

import dev.custos.common.period.Period;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.RunOutcome;

/**
 * The one Quartz job that launches any control: the job name comes from the job data, the period
 * from the trigger's scheduled fire time (not the clock), so a trigger that fires late still
 * runs the period it was due for, and one fired after downtime runs the latest period it missed.
 * A failed run fails the Quartz execution too.
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

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        String job = context.getMergedJobDataMap().getString(JOB_NAME_KEY);
        ZoneId zone = ZoneId.of(context.getMergedJobDataMap().getString(ZONE_KEY));
        LocalDate due = DueFireTime.of(context.getTrigger(), context.getScheduledFireTime(), context.getPreviousFireTime())
                .toInstant().atZone(zone).toLocalDate();
        Period period = catalog.control(job).scheduledPeriod(due);
        try {
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
            }
        } catch (RuntimeException e) {
            log.error("scheduled {} {} could not be launched: {}", job, period, e.getMessage(), e);
            throw new JobExecutionException(e);
        }
    }
}
