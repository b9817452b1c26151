package dev.custos.scheduler.alerts;

import java.time.Duration;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import dev.custos.common.CustosException;
import dev.custos.scheduler.quartz.ClusterStore;

/**
 * Stores the alert evaluation's job and trigger in the Quartz store, every {@code custos.alerts.interval}.
 * Its group is not the controls' ({@code custos}), so no control can take its name and
 * {@code custos schedules}, which lists the controls, never shows it.
 */
final class AlertsTrigger {

    static final String NAME = "custos-alerts";
    static final String GROUP = "custos-system";

    private AlertsTrigger() {
    }

    static void store(Scheduler scheduler, Duration interval) {
        JobKey jobKey = JobKey.jobKey(NAME, GROUP);
        TriggerKey triggerKey = TriggerKey.triggerKey(NAME, GROUP);
        JobDetail job = JobBuilder.newJob(AlertsQuartzJob.class).withIdentity(jobKey).storeDurably()
                .withDescription("Custos alerts: evaluate incidents and send due messages").build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey).forJob(jobKey)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            ClusterStore.align("the alerts trigger", () -> {
                scheduler.addJob(job, true);
                Trigger existing = scheduler.getTrigger(triggerKey);
                if (existing == null) {
                    scheduler.scheduleJob(trigger);
                } else if (!(existing instanceof SimpleTrigger simple)
                        || simple.getRepeatInterval() != interval.toMillis()) {
                    scheduler.rescheduleJob(triggerKey, trigger);
                }
            });
        } catch (SchedulerException e) {
            throw new CustosException("cannot store the alerts trigger in the Quartz store: "
                    + e.getClass().getSimpleName());
        }
    }
}
