package dev.custos.jobs.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import dev.custos.common.period.Period;
import dev.custos.common.sample.SampleInputs;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleData;
import dev.custos.jobs.reconciliation.sample.ReconciliationSampleInputs;

/** The demo's sample inputs, run through the job: every rule and every kind of reject shows. */
class ReconciliationSampleDataTest extends ReconciliationJobTestSupport {

    private final SampleInputs samples = new ReconciliationSampleInputs();

    @Test
    void consecutiveDemoMonthsShowEveryRuleAndNewPersistingAndResolvedFindings() throws Exception {
        Path april = inbox("april");
        Path may = inbox("may");
        samples.write(april, Period.parse("2044-04"), 1, 11);
        samples.write(may, Period.parse("2044-05"), 1, 12);

        assertThat(run("2044-04", april).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run("2044-05", may).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        for (String month : new String[] {"2044-04", "2044-05"}) {
            Map<String, Double> values = values(month);
            assertThat(values).as(month).containsEntry("rows_rejected", 12.0);
            for (FindingRule rule : FindingRule.values()) {
                assertThat(values.get("findings." + rule)).as(month + " " + rule).isPositive();
            }
            assertThat(values.get("clean_share")).as(month).isBetween(0.85, 0.95);
        }
        Map<String, Double> may2044 = values("2044-05");
        assertThat(may2044.get("findings_persisting")).isGreaterThan(may2044.get("findings_new"));
        assertThat(may2044.get("findings_new")).isPositive();
        assertThat(may2044.get("findings_resolved")).isPositive();
    }

    @Test
    void sameSeedsWriteTheSameFiles() throws IOException {
        ReconciliationSampleData.SampleFiles first = ReconciliationSampleData.write(dir.resolve("a"),
                Period.parse("2026-10"), ReconciliationSampleData.Sizes.demo(), 5, 6, true);
        ReconciliationSampleData.SampleFiles second = ReconciliationSampleData.write(dir.resolve("b"),
                Period.parse("2026-10"), ReconciliationSampleData.Sizes.demo(), 5, 6, true);

        assertThat(first.grants()).hasSize(4);
        for (int i = 0; i < first.grants().size(); i++) {
            assertThat(first.grants().get(i)).hasSameBinaryContentAs(second.grants().get(i));
        }
        assertThat(first.roster()).hasSameBinaryContentAs(second.roster());
        assertThat(first.entitlements()).hasSameBinaryContentAs(second.entitlements());
    }

    @Test
    void validRowsAddUpToTheRequestedGrantRows() throws IOException {
        ReconciliationSampleData.SampleFiles files = ReconciliationSampleData.write(dir,
                Period.parse("2026-10"), new ReconciliationSampleData.Sizes(2_000, 20_000), 3, 3, false);

        long lines = 0;
        for (Path file : files.grants()) {
            try (var stream = Files.lines(file)) {
                lines += stream.count() - 1;
            }
        }
        assertThat(files.grantRows()).isEqualTo(20_000);
        assertThat(lines).isEqualTo(20_000);
        assertThat(files.rosterRows()).isEqualTo(2_000);
        assertThat(files.entitlementRows()).isEqualTo(60);
    }

    @Test
    void onlyMonthsAreAccepted() {
        assertThatThrownBy(() -> ReconciliationSampleData.write(dir, Period.parse("2026-Q4"),
                ReconciliationSampleData.Sizes.demo(), 1, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-Q4");
    }
}
