package dev.custos.scheduler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.results.RunRecorder;
import dev.custos.scheduler.CommandResult;
import dev.custos.scheduler.Installation;

/**
 * {@code custos pause|resume|reschedule} against MariaDB write the operator audit log with the OS
 * user, once carried out; a reschedule refused for its cron writes nothing.
 */
@Timeout(300)
class ScheduleCommandsAuditTest {

    private static final String JOB = "training-coverage";

    @TempDir
    static Path dir;

    static Installation installation;

    @BeforeAll
    static void createInstallation() {
        installation = Installation.create(ScheduleCommandsAuditTest.class, dir.resolve("custos"));
    }

    @AfterAll
    static void dropInstallation() {
        if (installation != null) {
            installation.close();
        }
    }

    @Test
    void pauseResumeAndRescheduleAreAuditedWithTheOsUserAndARefusedCronIsNot() {
        for (String[] command : List.of(new String[] {"pause", JOB}, new String[] {"resume", JOB},
                new String[] {"reschedule", JOB, "--cron", "0 15 3 * * ?"})) {
            CommandResult result = installation.custos(command);
            assertThat(result.exitCode()).as(result.describe()).isEqualTo(ExitCodes.OK);
        }
        CommandResult neverFires = installation.custos("reschedule", JOB, "--cron", "0 0 0 31 2 ?");
        assertThat(neverFires.exitCode()).as(neverFires.describe()).isEqualTo(ExitCodes.USAGE);

        List<String> audited = new ArrayList<>();
        installation.query("SELECT actor, role, action, target, arguments, outcome, client_address FROM "
                + installation.database().resultsSchema() + ".operator_audit ORDER BY id", rs -> audited.add(
                String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        String.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7))));
        String who = System.getProperty("user.name") + "|SHELL|";
        String where = "|command line on " + RunRecorder.hostName();
        assertThat(audited).containsExactly(
                who + "pause|schedule " + JOB + "|null|PAUSED" + where,
                who + "resume|schedule " + JOB + "|null|RESUMED" + where,
                who + "reschedule|schedule " + JOB + "|cron=0 15 3 * * ?|RESCHEDULED" + where);
    }
}
