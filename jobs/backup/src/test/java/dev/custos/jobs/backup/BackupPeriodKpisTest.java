package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.period.Period;
import dev.custos.common.results.Metric;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.test.TestDatabase;

/**
 * The backup control computes its success rate over months and years from its own runs and hands
 * it out as its {@link PeriodKpis} bean: the report and the rollup take it from there without
 * knowing the backup. Two real backups, of the 2nd and the 4th of a month, with the 3rd not run.
 */
class BackupPeriodKpisTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupPeriodKpisTest.class);

    @TempDir
    static Path storeDir;

    @Autowired
    List<PeriodKpis> periodKpis;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", storeDir::toString);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void theBackupSuccessRateOfAMonthAndOfAYearByMonthComesFromTheBackupsRunsThroughPeriodKpis() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/contract.txt"), "signed\n");
        completed(run("2031-03-02"));
        completed(run("2031-03-04"));
        LocalDate today = LocalDate.of(2031, 3, 5);

        assertThat(periodKpis).hasSize(1);
        PeriodKpis backup = periodKpis.get(0);
        assertThat(backup.jobName()).isEqualTo(BackupJobConfig.JOB_NAME);
        assertThat(backup.name()).isEqualTo("backup_success_rate");
        assertThat(backup.target()).isEqualTo(0.999);
        List<PeriodKpis.Kpi> month = backup.of(Period.parse("2031-03"), today);
        assertThat(month).extracting(kpi -> kpi.period().toString()).containsExactly("2031-03");
        assertThat(month.get(0).metric()).as("2 of the 3 due days, the 2nd to yesterday")
                .isEqualTo(Metric.kpiAtLeast("backup_success_rate", 2.0 / 3, Metric.RATIO, 0.999));
        List<PeriodKpis.Kpi> year = backup.of(Period.parse("2031"), today);
        assertThat(year).hasSize(13);
        assertThat(year.get(0).period()).isEqualTo(Period.parse("2031"));
        assertThat(year.get(0).metric().value()).isEqualTo(0.6667);
        assertThat(year.get(1).metric().missingReason())
                .isEqualTo("no backup due in 2031-01: backups are due from 2031-03-02");
        assertThat(year.get(3).metric()).isEqualTo(month.get(0).metric());
        assertThat(backup.of(Period.parse("2031-03-04"), today)).as("a day is one run: nothing spans it").isEmpty();
        assertThat(backup.of(Period.parse("2032-02"), LocalDate.of(2032, 3, 1)).get(0).metric())
                .as("backups stopped: every day after the first backup is due")
                .isEqualTo(Metric.kpiAtLeast("backup_success_rate", 0, Metric.RATIO, 0.999));
    }
}
