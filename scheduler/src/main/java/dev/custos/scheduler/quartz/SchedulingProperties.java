package dev.custos.scheduler.quartz;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.scheduling.*}: per job ({@code custos.scheduling.jobs.<job>.cron|misfire|enabled})
 * the schedule that replaces the job's default. The zone is {@code custos.zone}.
 */
@ConfigurationProperties("custos.scheduling")
public record SchedulingProperties(@DefaultValue Map<String, JobSchedule> jobs) {

    /** cron: Quartz cron (seconds first); misfire: what a trigger does when it was due during downtime. */
    public record JobSchedule(String cron, @DefaultValue("FIRE_ONCE_NOW") Misfire misfire,
                              @DefaultValue("true") boolean enabled) {
    }

    public enum Misfire {
        /** Run once at start-up for the missed fire time(s), for the period that was due. */
        FIRE_ONCE_NOW,
        /** Skip what was missed; wait for the next fire time. */
        DO_NOTHING,
        /** Run every missed fire time, each for its own period. */
        FIRE_ALL_MISSED
    }
}
