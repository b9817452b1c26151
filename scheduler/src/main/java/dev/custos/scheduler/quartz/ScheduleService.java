package dev.custos.scheduler.quartz;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.custos.common.CustosException;
import dev.custos.common.job.Control;
import dev.custos.common.period.Period;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.SchedulingProperties.JobSchedule;
import dev.custos.scheduler.quartz.SchedulingProperties.Misfire;

/**
 * The stored schedules: one durable Quartz job and one cron trigger per control, in group
 * {@code custos}. Start-up creates them or brings them in line with the configuration without
 * duplicates; a change made with {@code reschedule} is kept until the configured cron changes.
 */
public class ScheduleService {

    static final String GROUP = "custos";
    /** The configured cron the trigger was last aligned with, to tell a configuration change from an operator's reschedule. */
    static final String CONFIGURED_CRON_KEY = "configuredCron";

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);

    private final Scheduler scheduler;
    private final ControlCatalog catalog;
    private final SchedulingProperties properties;
    private final ZoneId zone;

    public ScheduleService(Scheduler scheduler, ControlCatalog catalog, SchedulingProperties properties, ZoneId zone) {
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.properties = properties;
        this.zone = zone;
    }

    /** What a starting node does: brings every stored schedule in line with the configuration. */
    public void synchronize() {
        try {
            for (Control control : catalog.controls()) {
                synchronize(control);
            }
        } catch (SchedulerException e) {
            throw unavailable("cannot store schedules", e);
        }
    }

    /**
     * What a command line tool does: stores the schedules that do not exist yet and leaves the
     * stored ones alone, so a one-off command with another configuration never changes what the
     * running nodes were started with.
     */
    public void storeMissing() {
        try {
            for (Control control : catalog.controls()) {
                if (!scheduler.checkExists(JobKey.jobKey(control.jobName(), GROUP))) {
                    synchronize(control);
                }
            }
        } catch (SchedulerException e) {
            throw unavailable("cannot store schedules", e);
        }
    }

    private void synchronize(Control control) throws SchedulerException {
        ClusterStore.align("schedule of " + control.jobName(), () -> align(control));
    }

    private void align(Control control) throws SchedulerException {
        JobSchedule setting = setting(control);
        JobKey jobKey = JobKey.jobKey(control.jobName(), GROUP);
        TriggerKey triggerKey = TriggerKey.triggerKey(control.jobName(), GROUP);
        if (!setting.enabled()) {
            if (scheduler.checkExists(jobKey)) {
                scheduler.deleteJob(jobKey);
                log.info("schedule of {} removed (disabled in configuration)", control.jobName());
            }
            return;
        }
        JobDetail detail = JobBuilder.newJob(ControlQuartzJob.class).withIdentity(jobKey).storeDurably()
                .requestRecovery(true)
                .withDescription("launches " + control.jobName())
                .usingJobData(ControlQuartzJob.JOB_NAME_KEY, control.jobName())
                .usingJobData(ControlQuartzJob.ZONE_KEY, zone.getId())
                .build();
        scheduler.addJob(detail, true);
        Trigger existing = scheduler.getTrigger(triggerKey);
        String configuredCron = validCron(control.jobName(), setting.cron());
        if (existing instanceof CronTrigger cron
                && configuredCron.equals(cron.getJobDataMap().getString(CONFIGURED_CRON_KEY))
                && misfireInstruction(setting.misfire()) == cron.getMisfireInstruction()
                && zone.getId().equals(cron.getTimeZone().getID())) {
            return;
        }
        Trigger trigger = trigger(control.jobName(), configuredCron, configuredCron, setting.misfire());
        if (existing == null) {
            scheduler.scheduleJob(trigger);
        } else {
            scheduler.rescheduleJob(triggerKey, trigger);
        }
        log.info("schedule of {}: {} ({})", control.jobName(), configuredCron, zone.getId());
    }

    public List<ScheduleView> list() {
        try {
            List<ScheduleView> views = new ArrayList<>();
            for (Control control : catalog.controls()) {
                Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(control.jobName(), GROUP));
                if (trigger instanceof CronTrigger cron) {
                    Trigger.TriggerState state = scheduler.getTriggerState(cron.getKey());
                    views.add(new ScheduleView(control.jobName(), cron.getCronExpression(), configuredCron(control),
                            cron.getTimeZone().getID(), state.name(), cron.getNextFireTime(), cron.getPreviousFireTime(),
                            misfire(cron)));
                } else {
                    views.add(new ScheduleView(control.jobName(), null, configuredCron(control), zone.getId(),
                            "NOT_SCHEDULED", null, null, null));
                }
            }
            return views;
        } catch (SchedulerException e) {
            throw unavailable("cannot read schedules", e);
        }
    }

    /** Since when the control's stored trigger exists (its start time), when it has one. */
    public Optional<Instant> scheduledSince(String job) {
        try {
            Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(job, GROUP));
            return Optional.ofNullable(trigger == null ? null : trigger.getStartTime()).map(Date::toInstant);
        } catch (SchedulerException e) {
            throw unavailable("cannot read the schedule of " + job, e);
        }
    }

    public void pause(String job) {
        catalog.control(job);
        try {
            scheduler.pauseTrigger(existingTrigger(job).getKey());
        } catch (SchedulerException e) {
            throw unavailable("cannot pause " + job, e);
        }
    }

    public void resume(String job) {
        catalog.control(job);
        try {
            scheduler.resumeTrigger(existingTrigger(job).getKey());
        } catch (SchedulerException e) {
            throw unavailable("cannot resume " + job, e);
        }
    }

    public Date reschedule(String job, String cronExpression) {
        Control control = catalog.control(job);
        String cron = validCron(job, cronExpression);
        try {
            CronTrigger existing = existingTrigger(job);
            boolean paused = scheduler.getTriggerState(existing.getKey()) == Trigger.TriggerState.PAUSED;
            Trigger trigger = trigger(control.jobName(), cron, existing.getJobDataMap().getString(CONFIGURED_CRON_KEY),
                    misfire(existing));
            Date next = scheduler.rescheduleJob(existing.getKey(), trigger);
            if (paused) {
                scheduler.pauseTrigger(existing.getKey());
            }
            return next;
        } catch (SchedulerException e) {
            throw unavailable("cannot reschedule " + job, e);
        }
    }

    /**
     * The next {@code count} fire times of the job's stored trigger (from now; a paused trigger
     * keeps its times and fires at them once resumed).
     */
    public List<Instant> nextFireTimes(String job, int count) {
        catalog.control(job);
        try {
            return fireTimes(existingTrigger(job), count);
        } catch (SchedulerException e) {
            throw unavailable("cannot read the schedule of " + job, e);
        }
    }

    /**
     * The next {@code count} times {@code cronExpression} would fire the job in the scheduler's
     * zone, validated as {@link #reschedule} validates it; nothing stored changes.
     */
    public List<Instant> preview(String job, String cronExpression, int count) {
        Control control = catalog.control(job);
        String cron = validCron(job, cronExpression);
        Trigger trigger = trigger(control.jobName(), cron, cron, Misfire.FIRE_ONCE_NOW);
        return fireTimes(trigger, count);
    }

    /**
     * Fires the job now, once, beside its schedule (Quartz {@code triggerJob}); the run happens
     * asynchronously on a Quartz thread of whichever node takes it. Returns the period that run
     * covers: the one due today, as a firing of the schedule today would.
     */
    public Period triggerNow(String job) {
        Control control = catalog.control(job);
        try {
            existingTrigger(job);
            Period period = control.scheduledPeriod(LocalDate.now(zone));
            scheduler.triggerJob(JobKey.jobKey(control.jobName(), GROUP));
            return period;
        } catch (SchedulerException e) {
            throw unavailable("cannot trigger " + job, e);
        }
    }

    private static List<Instant> fireTimes(Trigger trigger, int count) {
        List<Instant> times = new ArrayList<>(count);
        Date next = trigger.getFireTimeAfter(new Date());
        while (next != null && times.size() < count) {
            times.add(next.toInstant());
            next = trigger.getFireTimeAfter(next);
        }
        return times;
    }

    private CronTrigger existingTrigger(String job) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(job, GROUP));
        if (trigger instanceof CronTrigger cron) {
            return cron;
        }
        throw new NoStoredScheduleException(job + " has no stored schedule: start 'custos serve' once, or check "
                + "custos.scheduling.jobs." + job + ".enabled");
    }

    private Trigger trigger(String job, String cron, String configuredCron, Misfire misfire) {
        CronScheduleBuilder schedule = CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone(zone));
        schedule = switch (misfire) {
            case FIRE_ONCE_NOW -> schedule.withMisfireHandlingInstructionFireAndProceed();
            case DO_NOTHING -> schedule.withMisfireHandlingInstructionDoNothing();
            case FIRE_ALL_MISSED -> schedule.withMisfireHandlingInstructionIgnoreMisfires();
        };
        return TriggerBuilder.newTrigger().withIdentity(job, GROUP).forJob(job, GROUP)
                .usingJobData(CONFIGURED_CRON_KEY, configuredCron)
                .withSchedule(schedule).build();
    }

    private static int misfireInstruction(Misfire misfire) {
        return switch (misfire) {
            case FIRE_ONCE_NOW -> CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW;
            case DO_NOTHING -> CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING;
            case FIRE_ALL_MISSED -> Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY;
        };
    }

    private static Misfire misfire(CronTrigger trigger) {
        for (Misfire misfire : Misfire.values()) {
            if (misfireInstruction(misfire) == trigger.getMisfireInstruction()) {
                return misfire;
            }
        }
        return Misfire.FIRE_ONCE_NOW;
    }

    private JobSchedule setting(Control control) {
        JobSchedule configured = properties.jobs().get(control.jobName());
        if (configured == null) {
            return new JobSchedule(control.defaultCron(), Misfire.FIRE_ONCE_NOW, true);
        }
        return new JobSchedule(Objects.requireNonNullElse(configured.cron(), control.defaultCron()),
                configured.misfire(), configured.enabled());
    }

    private static String validCron(String job, String cron) {
        if (cron == null || !CronExpression.isValidExpression(cron.trim())) {
            throw new InvalidCronException("invalid cron for " + job + ": '" + cron
                    + "' (Quartz cron with seconds first, e.g. '0 30 1 * * ?')");
        }
        if (neverFires(cron.trim())) {
            throw new InvalidCronException("invalid cron for " + job + ": '" + cron.trim()
                    + "' never fires (no such date in the coming years); e.g. '0 30 1 * * ?'");
        }
        return cron.trim();
    }

    private static boolean neverFires(String cron) {
        try {
            return new CronExpression(cron).getNextValidTimeAfter(new Date()) == null;
        } catch (java.text.ParseException e) {
            return true;
        }
    }

    /**
     * The Quartz store could not do what was asked (its database unreachable, a lock not obtained):
     * an outage, not a refusal. The operator's message says which action failed and keeps Quartz's
     * and the driver's text (which can quote SQL) to the log.
     */
    private static ScheduleStoreUnavailableException unavailable(String action, SchedulerException e) {
        log.warn("{}: {}", action, e.toString());
        return new ScheduleStoreUnavailableException(action + ": the schedule store (the Quartz tables in the "
                + "database) is not available; try again later", e);
    }

    /** The schedule store failed (an outage): nothing changed, the action can be tried again. */
    public static class ScheduleStoreUnavailableException extends CustosException {
        public ScheduleStoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The job has no stored schedule (disabled in the configuration, or serve never started). */
    public static class NoStoredScheduleException extends CustosException {
        public NoStoredScheduleException(String message) {
            super(message);
        }
    }

    /** A cron expression Quartz does not accept, or one that never fires. */
    public static class InvalidCronException extends CustosException {
        public InvalidCronException(String message) {
            super(message);
        }
    }

    /** The cron the configuration gives the job, or null when its schedule is disabled. */
    private String configuredCron(Control control) {
        JobSchedule setting = setting(control);
        return setting.enabled() ? setting.cron().trim() : null;
    }

    /**
     * One schedule as the command line shows it: the stored trigger's {@code cron} and the one the
     * configuration gives ({@code configuredCron}); they differ after a {@code reschedule}, until
     * the configured cron changes.
     */
    public record ScheduleView(String job, String cron, String configuredCron, String zone, String state,
                               Date nextFire, Date previousFire, Misfire misfire) {

        /** Whether an operator's reschedule overrides the configured cron. */
        public boolean rescheduled() {
            return cron != null && configuredCron != null && !cron.equals(configuredCron);
        }
    }
}
