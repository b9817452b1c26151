package dev.custos.scheduler.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.EverythingMatcher;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.job.RunParameters;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.jobs.training.sample.TrainingSampleData;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.CustosApplication;
import dev.custos.scheduler.InProcess;
import dev.custos.scheduler.Installation;
import dev.custos.scheduler.Installation.Run;

/**
 * The schedules on a real Quartz JDBC store in MariaDB, with scheduler nodes started in this JVM
 * the way {@code custos serve} starts one. Every test has its own database; runs that find no
 * input files fail, so that each firing leaves one execution behind.
 */
@Timeout(180)
class SchedulingTest {

    private static final String JOB = "training-coverage";
    private static final TriggerKey TRIGGER = TriggerKey.triggerKey(JOB, ScheduleService.GROUP);
    private static final String EVERY_TWO_SECONDS = "--custos.scheduling.jobs.training-coverage.cron=0/2 * * * * ?";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void scheduledRunCoversThePeriodDueAtItsFireTimeAndReadsThePeriodsFolderOfTheConfiguredInbox() throws Exception {
        try (Installation installation = Installation.create(SchedulingTest.class, dir)) {
            Period due = Period.lastClosed(PeriodType.QUARTER, LocalDate.now(ZoneOffset.UTC));
            TrainingSampleData.write(installation.inbox(JOB, due.toString()), due, TrainingSampleData.Sizes.demo(), 7,
                    false);
            try (ConfigurableApplicationContext node = startNode(installation, true, EVERY_TWO_SECONDS)) {
                Fires fires = Fires.of(node);
                node.getBean(ScheduleService.class).synchronize();

                Run run = await().atMost(PATIENCE).until(() -> installation.runs(JOB),
                        runs -> !runs.isEmpty() && runs.get(0).status().equals("COMPLETED")).get(0);

                Date fireTime = fires.scheduledTimes().get(0);
                Period expected = Period.lastClosed(PeriodType.QUARTER, fireTime.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                assertThat(run.period()).isEqualTo(expected.toString());
                RunParameters parameters = RunParameters.from(
                        node.getBean(JobRepository.class).getJobExecution(run.executionId()).getJobParameters());
                assertThat(parameters.inbox())
                        .isEqualTo(installation.inbox(JOB, run.period()).toAbsolutePath().normalize());
                assertThat(parameters.outbox()).isEqualTo(installation.outbox().toAbsolutePath().normalize());
                assertThat(installation.publishedMetrics(JOB, run.period())).containsKeys("coverage", "in_scope");
                assertThat(installation.outbox().resolve(JOB).resolve(run.period()).resolve("summary.json")).isRegularFile();

                int firesSoFar = fires.count();
                await().atMost(PATIENCE).until(() -> fires.count() >= firesSoFar + 2);
                assertThat(installation.runs(JOB)).as("later firings find the period completed").hasSize(1);
            }
        }
    }

    /**
     * Pauses and resumes through the node's {@link ScheduleService}, which the {@code pause} and
     * {@code resume} commands call: a command run in this JVM would register its own Quartz
     * connection provider under the node's scheduler name (Quartz keeps them per JVM) and close it
     * under the node when it ends. {@link #pauseAndResumeCommandsChangeTheStoredTriggerState} covers
     * the commands.
     */
    @Test
    void pausedScheduleDoesNotFireAndResumedScheduleFiresAgain() throws Exception {
        try (Installation installation = Installation.create(SchedulingTest.class, dir);
             ConfigurableApplicationContext node = startNode(installation, true, EVERY_TWO_SECONDS)) {
            Fires fires = Fires.of(node);
            ScheduleService schedules = node.getBean(ScheduleService.class);
            schedules.synchronize();
            await().atMost(PATIENCE).until(() -> installation.runs(JOB).size() >= 2);

            schedules.pause(JOB);
            awaitQuiet(installation, fires);
            int firesWhenPaused = fires.count();
            int runsWhenPaused = installation.runs(JOB).size();
            Thread.sleep(6_000);

            assertThat(node.getBean(Scheduler.class).getTriggerState(TRIGGER)).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(fires.count()).as("firings while paused").isEqualTo(firesWhenPaused);
            assertThat(installation.runs(JOB)).as("executions while paused").hasSize(runsWhenPaused);

            schedules.resume(JOB);

            await().atMost(PATIENCE).until(() -> installation.runs(JOB).size() > runsWhenPaused);
            assertThat(fires.count()).isGreaterThan(firesWhenPaused);
        }
    }

    @Test
    void missedFiringsRunOnceAtStartUpWithFireOnceNow() throws Exception {
        assertThat(runsAfterDowntime("FIRE_ONCE_NOW")).hasSize(1);
    }

    @Test
    void missedFiringsAreSkippedWithDoNothing() throws Exception {
        assertThat(runsAfterDowntime("DO_NOTHING")).isEmpty();
    }

    @Test
    void missedFiringsAllRunWithFireAllMissed() throws Exception {
        assertThat(runsAfterDowntime("FIRE_ALL_MISSED")).hasSize(3);
    }

    @Test
    void startingNodesKeepOneTriggerPerJobAndAnOperatorsCronUntilTheConfiguredCronChanges() {
        try (Installation installation = Installation.create(SchedulingTest.class, dir)) {
            CommandResult first = installation.custos("schedules");
            CommandResult second = installation.custos("schedules");

            assertThat(first.exitCode()).as(first.describe()).isZero();
            assertThat(second.exitCode()).as(second.describe()).isZero();
            assertThat(scheduleLine(second)).contains(" 0 0 4 1 1,4,7,10 ? ").contains(" NORMAL ");
            long jobs = second.outLines().size() - 1;
            assertOneTriggerPerJob(installation, jobs);

            CommandResult rescheduled = installation.custos("reschedule", JOB, "--cron", "0 15 3 * * ?");

            assertThat(rescheduled.exitCode()).as(rescheduled.describe()).isZero();
            assertThat(rescheduled.out()).startsWith("training-coverage: 0 15 3 * * ?, next fire ");
            CommandResult afterRestart = installation.custos("schedules");
            assertThat(scheduleLine(afterRestart)).as("the operator's cron, then the configured one it overrides")
                    .contains(" 0 15 3 * * ?  ", " 0 0 4 1 1,4,7,10 ? ");
            assertThat(storedCron(installation)).isEqualTo("0 15 3 * * ?");

            String configured = "--custos.scheduling.jobs.training-coverage.cron=0 30 5 2 1,4,7,10 ?";
            CommandResult oneOffWithOtherConfiguration = installation.custos("schedules", configured);

            assertThat(scheduleLine(oneOffWithOtherConfiguration)).as("a command line tool leaves stored schedules alone")
                    .contains(" 0 15 3 * * ? ").as("and shows the configured cron that differs")
                    .contains(" 0 30 5 2 1,4,7,10 ? ");
            CommandResult json = installation.custos("schedules", "--format", "json", configured);
            assertThat(JsonMapper.builder().build().readValue(json.out(), new TypeReference<List<Map<String, Object>>>() { }))
                    .filteredOn(schedule -> schedule.get("job").equals(JOB)).singleElement()
                    .satisfies(schedule -> assertThat(schedule).containsEntry("cron", "0 15 3 * * ?")
                            .containsEntry("configuredCron", "0 30 5 2 1,4,7,10 ?").containsEntry("rescheduled", true));
            for (int start = 0; start < 2; start++) {
                try (ConfigurableApplicationContext node = startNode(installation, false, configured)) {
                    node.getBean(ScheduleService.class).synchronize();
                }
            }
            assertThat(scheduleLine(installation.custos("schedules", configured))).as("aligned once a node started")
                    .contains(" 0 30 5 2 1,4,7,10 ? ", " (same) ");
            assertThat(storedCron(installation)).isEqualTo("0 30 5 2 1,4,7,10 ?");
            assertOneTriggerPerJob(installation, jobs);
        }
    }

    @Test
    void aJobWithoutAScheduleShowsNotScheduledWithADashInTextAndNullInJson() {
        String disabled = "--custos.scheduling.jobs.backup.enabled=false";
        try (Installation installation = Installation.create(SchedulingTest.class, dir)) {
            CommandResult text = installation.custos("schedules", disabled);
            CommandResult json = installation.custos("schedules", "--format", "json", disabled);

            assertThat(text.exitCode()).as(text.describe()).isZero();
            assertThat(text.out()).doesNotContain("null");
            String backup = text.outLines().stream().filter(line -> line.startsWith("backup ")).findFirst().orElseThrow();
            assertThat(backup.split("\\s+")).containsExactly("backup", "-", "-", "UTC", "NOT_SCHEDULED", "-", "-", "-", "-");
            assertThat(text.outLines().get(0).split("\\s+")).containsSubsequence("NEXT", "DEADLINE", "PREVIOUS");
            assertThat(scheduleLine(text)).matches(".* \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z +-$");

            assertThat(json.exitCode()).as(json.describe()).isZero();
            List<Map<String, Object>> schedules = JsonMapper.builder().build().readValue(json.out(),
                    new TypeReference<List<Map<String, Object>>>() { });
            assertThat(schedules).hasSize(text.outLines().size() - 1);
            Map<String, Object> unscheduled = schedules.stream().filter(s -> s.get("job").equals("backup")).findFirst()
                    .orElseThrow();
            assertThat(unscheduled).containsEntry("state", "NOT_SCHEDULED").containsEntry("cron", null)
                    .containsEntry("misfire", null).containsEntry("nextFire", null).containsEntry("previousFire", null)
                    .containsEntry("deadline", null);
            Map<String, Object> scheduled = schedules.stream().filter(s -> s.get("job").equals(JOB)).findFirst()
                    .orElseThrow();
            assertThat(scheduled).containsEntry("cron", "0 0 4 1 1,4,7,10 ?").containsEntry("state", "NORMAL")
                    .containsEntry("misfire", "FIRE_ONCE_NOW").containsEntry("previousFire", null);
            assertThat((String) scheduled.get("nextFire")).matches("\\d{4}-\\d{2}-\\d{2}T04:00:00Z");
            // the quarter the next fire runs is due on the 5th at 12:00 after it (P4DT12H after its end)
            assertThat((String) scheduled.get("deadline")).matches("\\d{4}-(01|04|07|10)-05T12:00:00Z")
                    .isEqualTo(((String) scheduled.get("nextFire")).substring(0, 8) + "05T12:00:00Z");
        }
    }

    @Test
    void pauseAndResumeCommandsChangeTheStoredTriggerState() {
        try (Installation installation = Installation.create(SchedulingTest.class, dir)) {
            CommandResult paused = installation.custos("pause", JOB);

            assertThat(paused.exitCode()).as(paused.describe()).isZero();
            assertThat(paused.out()).isEqualTo("training-coverage: paused\n");
            assertThat(scheduleLine(installation.custos("schedules"))).contains(" PAUSED ");

            CommandResult resumed = installation.custos("resume", JOB);

            assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
            assertThat(scheduleLine(installation.custos("schedules"))).contains(" NORMAL ");
            assertThat(installation.custos("pause", JOB).exitCode()).isZero();
            assertThat(installation.custos("reschedule", JOB, "--cron", "0 0 6 * * ?").exitCode()).isZero();
            assertThat(scheduleLine(installation.custos("schedules"))).as("a reschedule keeps a pause")
                    .contains(" 0 0 6 * * ? ").contains(" PAUSED ");
        }
    }

    /**
     * Stores a trigger with the given misfire policy whose three firings all fall while no node
     * runs, waits past the misfire threshold, starts a node and returns the executions it made.
     */
    private List<Run> runsAfterDowntime(String misfire) throws Exception {
        String policy = "--custos.scheduling.jobs.training-coverage.misfire=" + misfire;
        try (Installation installation = Installation.create(SchedulingTest.class, dir)) {
            ZonedDateTime lastFiring;
            try (ConfigurableApplicationContext notStarted = startNode(installation, false, policy)) {
                ScheduleService schedules = notStarted.getBean(ScheduleService.class);
                schedules.synchronize();
                ZonedDateTime first = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
                if (first.getSecond() > 56) {
                    first = first.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
                }
                lastFiring = first.plusSeconds(2);
                schedules.reschedule(JOB, threeFiringsFrom(first));
            }
            Thread.sleep(Math.max(0, Duration.between(ZonedDateTime.now(ZoneOffset.UTC), lastFiring).toMillis()) + 2_500);
            assertThat(installation.runs(JOB)).isEmpty();

            try (ConfigurableApplicationContext node = startNode(installation, true, policy)) {
                Scheduler scheduler = node.getBean(Scheduler.class);
                await().atMost(PATIENCE).until(() -> isFinished(scheduler.getTriggerState(TRIGGER)));
                // a trigger is finished as soon as its last firing starts; the firing's record goes when its job ends
                await().atMost(PATIENCE).until(() -> installation.queryLong("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS") == 0);
                return installation.runs(JOB);
            }
        }
    }

    /** A cron firing at {@code first} and the two seconds after it, on that day only. */
    private static String threeFiringsFrom(ZonedDateTime first) {
        return "%d-%d %d %d %d %d ? %d".formatted(first.getSecond(), first.getSecond() + 2, first.getMinute(),
                first.getHour(), first.getDayOfMonth(), first.getMonthValue(), first.getYear());
    }

    private static boolean isFinished(Trigger.TriggerState state) {
        return state == Trigger.TriggerState.COMPLETE || state == Trigger.TriggerState.NONE;
    }

    /** Waits until every firing so far has its execution and none of them is still running. */
    private static void awaitQuiet(Installation installation, Fires fires) {
        await().atMost(PATIENCE).pollDelay(Duration.ofMillis(500)).until(() -> {
            List<Run> runs = installation.runs(JOB);
            return runs.size() == fires.count() && runs.stream().noneMatch(r -> r.status().equals("STARTED"));
        });
    }

    /** A scheduler node in this JVM, as {@code custos serve} starts one, optionally with its scheduler not started. */
    static ConfigurableApplicationContext startNode(Installation installation, boolean started, String... settings) {
        List<String> args = new ArrayList<>(installation.overrides());
        args.addAll(List.of(
                "--custos.quartz.enabled=true",
                "--spring.quartz.auto-startup=" + started,
                "--custos.zone=UTC",
                // short enough for a test: a firing 1 s late is missed, and a node looks for due triggers every second
                "--spring.quartz.properties.org.quartz.jobStore.misfireThreshold=1000",
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000"));
        args.addAll(List.of(settings));
        return InProcess.run(() -> new SpringApplication(CustosApplication.class).run(args.toArray(String[]::new)));
    }

    private static String scheduleLine(CommandResult schedules) {
        assertThat(schedules.exitCode()).as(schedules.describe()).isZero();
        return schedules.outLines().stream().filter(line -> line.startsWith(JOB + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no schedule of " + JOB + " in\n" + schedules.describe()));
    }

    private static String storedCron(Installation installation) {
        List<String> crons = new ArrayList<>();
        installation.query("SELECT CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS WHERE TRIGGER_NAME = ? AND TRIGGER_GROUP = ?",
                rs -> crons.add(rs.getString(1)), JOB, ScheduleService.GROUP);
        assertThat(crons).hasSize(1);
        return crons.get(0);
    }

    private static void assertOneTriggerPerJob(Installation installation, long jobs) {
        assertThat(jobs).isPositive();
        Stream.of("QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_JOB_DETAILS").forEach(table ->
                assertThat(installation.queryLong("SELECT COUNT(*) FROM " + table)).as(table).isEqualTo(jobs));
        assertThat(installation.queryLong("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME = ? AND TRIGGER_GROUP = ?",
                JOB, ScheduleService.GROUP)).isEqualTo(1);
    }

    /** The firings of the training-coverage trigger on a node, as Quartz reports them to a listener. */
    private static final class Fires extends TriggerListenerSupport {

        private final List<Date> scheduledTimes = new CopyOnWriteArrayList<>();

        static Fires of(ConfigurableApplicationContext node) throws SchedulerException {
            Fires fires = new Fires();
            node.getBean(Scheduler.class).getListenerManager().addTriggerListener(fires, EverythingMatcher.allTriggers());
            return fires;
        }

        @Override
        public String getName() {
            return "test-fires";
        }

        @Override
        public void triggerFired(Trigger trigger, JobExecutionContext context) {
            if (trigger.getKey().equals(TRIGGER)) {
                scheduledTimes.add(context.getScheduledFireTime());
            }
        }

        int count() {
            return scheduledTimes.size();
        }

        List<Date> scheduledTimes() {
            return scheduledTimes;
        }
    }
}
