package dev.custos.scheduler.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;

class EvidenceScopeTest {

    @Test
    void quarterCoversItselfItsMonthsAndItsDaysOnly() {
        EvidenceScope q4 = new EvidenceScope(Period.parse("2026-Q4"));

        assertThat(q4.covers("2026-Q4")).isTrue();
        assertThat(q4.covers("2026-10")).isTrue();
        assertThat(q4.covers("2026-12-31")).isTrue();
        assertThat(q4.covers("2026-09")).isFalse();
        assertThat(q4.covers("2026-09-30")).isFalse();
        assertThat(q4.covers("2026-Q3")).isFalse();
        assertThat(q4.covers("2026")).as("the year is longer than the quarter").isFalse();
        assertThat(q4.covers("not a period")).isFalse();
    }

    @Test
    void yearCoversEveryShorterPeriodWithinItAndItsPatternMatchesThemAll() {
        EvidenceScope year = new EvidenceScope(Period.parse("2026"));

        assertThat(year.covers("2026")).isTrue();
        assertThat(year.covers("2026-Q1")).isTrue();
        assertThat(year.covers("2026-11")).isTrue();
        assertThat(year.covers("2026-01-01")).isTrue();
        assertThat(year.covers("2025-12-31")).isFalse();
        assertThat(year.covers("2027")).isFalse();
        assertThat(year.yearPattern()).isEqualTo("2026%");
    }

    @Test
    void chainFileReadsBackAsWrittenAndRejectsALinkToTheWrongPeriod() {
        Chain linked = Chain.linked(Period.parse("2026-11"), 1, Chain.NONE, 3, "a".repeat(64));
        Chain unlinked = Chain.unlinked(Period.parse("2026-11"), 1, Chain.NONE, "no bundle of 2026-10 had been exported");
        Chain second = linked.asVersion(2, "b".repeat(64));

        assertThat(Chain.parse(linked.toBytes())).contains(linked);
        assertThat(Chain.parse(unlinked.toBytes())).contains(unlinked);
        assertThat(Chain.parse(second.toBytes())).contains(second);
        assertThat(Chain.parse(new String(linked.toBytes()).replace("2026-10", "2026-09").getBytes())).isEmpty();
        assertThat(Chain.parse("previous-manifest-sha256: 1234\n".getBytes())).isEmpty();
    }

    @Test
    void chainFileWhoseVersionAndSupersededManifestDisagreeIsNoChainFile() {
        Chain first = Chain.linked(Period.parse("2026-11"), 1, Chain.NONE, 1, "a".repeat(64));

        assertThat(Chain.parse(new String(first.toBytes()).replace("\nversion: 1\n", "\nversion: 2\n").getBytes()))
                .as("a second version names the manifest it supersedes").isEmpty();
        assertThat(Chain.parse(new String(first.toBytes()).replace("previous-version: 1\n", "").getBytes()))
                .as("a link names the version it links to").isEmpty();
    }
}
