package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one definition of a KPI's status: a figure with a target, met, missed or missing. */
class KpiStatusTest {

    @Test
    void aKpiIsMetOrMissedAsItsValueStandsAgainstItsTarget() {
        assertThat(KpiStatus.of(Metric.kpiAtLeast("coverage", 1.0, Metric.RATIO, 1.0))).contains(KpiStatus.MET);
        assertThat(KpiStatus.of(Metric.kpiAtLeast("coverage", 0.93, Metric.RATIO, 1.0))).contains(KpiStatus.MISSED);
        assertThat(KpiStatus.of(Metric.kpiAtMost("leavers_with_access", 5, Metric.COUNT, 0))).contains(KpiStatus.MISSED);
    }

    @Test
    void aKpiWithoutAValueIsMissing() {
        assertThat(KpiStatus.of(Metric.missingKpi("reduction", Metric.RATIO, 0.2, "no previous year")))
                .contains(KpiStatus.MISSING);
        assertThat(new KpiTarget("coverage", Metric.RATIO, 1.0).missing("no run").target()).isEqualTo(1.0);
    }

    @Test
    void aFigureWithoutATargetIsNoKpiEvenWhenItIsMissing() {
        assertThat(KpiStatus.of(Metric.missing("findings_resolved", Metric.COUNT, "no earlier month"))).isEmpty();
        assertThat(KpiStatus.of(Metric.count("findings", 12))).isEmpty();
    }

    @Test
    void aTallyCountsEachStatus() {
        KpiStatus.Tally tally = KpiStatus.Tally.NONE.plus(KpiStatus.MET).plus(KpiStatus.MISSING).plus(KpiStatus.MISSING);

        assertThat(tally).isEqualTo(new KpiStatus.Tally(1, 0, 2));
        assertThat(tally).hasToString("1 met, 0 missed, 2 missing");
    }
}
