package dev.custos.scheduler.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.custos.common.store.BlobStore;
import dev.custos.scheduler.quartz.ScheduleService;

/** The health of what Custos needs beside its database: the blob store, the scheduler, each control's deadline. */
final class MonitoringHealth {

    /** A control whose latest period's deadline passed without a completed run. */
    static final Status OVERDUE = new Status("OVERDUE", "a control missed its deadline");

    private MonitoringHealth() {
    }

    /** A cheap listing of the store: it answers, with the credentials and bucket configured. */
    static HealthIndicator blobStore(BlobStore store) {
        return () -> {
            try {
                store.list("health/");
                return Health.up().withDetail("store", store.describe()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("store", store.describe()).withDetail("error", e.getMessage()).build();
            }
        };
    }

    /** Started and not in standby, with the controls whose schedules are paused named (paused is not down). */
    static HealthIndicator scheduler(Scheduler scheduler, ScheduleService schedules) {
        return () -> {
            try {
                List<String> paused = schedules.list().stream()
                        .filter(view -> "PAUSED".equals(view.state())).map(ScheduleService.ScheduleView::job).toList();
                boolean running = scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
                return (running ? Health.up() : Health.down())
                        .withDetail("state", scheduler.isShutdown() ? "shut down"
                                : scheduler.isInStandbyMode() ? "standby" : "started")
                        .withDetail("instance", scheduler.getSchedulerInstanceId())
                        .withDetail("paused", paused)
                        .build();
            } catch (SchedulerException | RuntimeException e) {
                return Health.down().withDetail("error", e.getMessage()).build();
            }
        };
    }

    /** One component per control: {@code OVERDUE} when its latest due period has not completed. */
    static HealthContributor controls(ControlDeadlines deadlines, List<String> jobs) {
        Map<String, HealthIndicator> perControl = new LinkedHashMap<>();
        for (String job : jobs) {
            perControl.put(job, () -> deadlines.judgeAll().stream()
                    .filter(freshness -> freshness.job().equals(job))
                    .findFirst()
                    .map(MonitoringHealth::health)
                    .orElseGet(() -> Health.unknown().build()));
        }
        return CompositeHealthContributor.fromMap(perControl);
    }

    private static Health health(Freshness freshness) {
        Health.Builder health = freshness.overdue() ? Health.status(OVERDUE) : Health.up();
        health.withDetail("duePeriod", freshness.duePeriod().toString())
                .withDetail("dueBy", freshness.dueBy().toString())
                .withDetail("latestCompleted", freshness.latestCompleted().map(Object::toString).orElse("none"));
        if (freshness.overdue()) {
            health.withDetail("overdue", freshness.job() + " " + freshness.duePeriod() + " not completed by "
                    + freshness.dueBy());
        }
        return health.build();
    }
}
