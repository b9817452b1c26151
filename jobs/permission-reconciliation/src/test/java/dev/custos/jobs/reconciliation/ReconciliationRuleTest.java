package dev.custos.jobs.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.custos.common.period.Period;
import dev.custos.common.roster.EmploymentStatus;
import dev.custos.common.roster.RosterEntry;

class ReconciliationRuleTest {

    private static final Period OCTOBER_2026 = Period.parse("2026-10");
    private static final LocalDate END = LocalDate.of(2026, 10, 31);
    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 6);
    private static final LocalDate YESTERDAY = END.minusDays(1);

    private final ReconciliationRule rule = new ReconciliationRule(ReconciliationPolicy.defaults(), Entitlements.of(List.of(
            new Entitlement("Analyst", "CRM", "READ"),
            new Entitlement("analyst", "dwh", "Query"))));

    // --- UNKNOWN_IDENTITY ---

    @Test
    void employeeMissingFromTheRosterIsUnknownIdentity() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), null)).contains(FindingRule.UNKNOWN_IDENTITY);
    }

    @Test
    void unknownEmployeeWithExcessPermissionIsUnknownIdentity() {
        assertThat(evaluate(grant("ERP", "ADMIN", LONG_AGO, YESTERDAY), null)).contains(FindingRule.UNKNOWN_IDENTITY);
    }

    @Test
    void unknownEmployeeWithDormantGrantIsUnknownIdentity() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, null), null)).contains(FindingRule.UNKNOWN_IDENTITY);
    }

    // --- LEAVER_ACCESS ---

    @Test
    void departedOnPeriodEndIsLeaverAccess() {
        Optional<Finding> finding = rule.evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), departedOn(END), OCTOBER_2026);

        assertThat(finding).map(Finding::rule).contains(FindingRule.LEAVER_ACCESS);
        assertThat(finding).map(Finding::daysDeparted).contains(0);
    }

    @Test
    void departedTheDayAfterPeriodEndIsNotALeaverThisMonth() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), departedOn(END.plusDays(1)))).isEmpty();
    }

    @Test
    void leaverFindingCountsTheDaysFromDepartureToPeriodEnd() {
        Optional<Finding> finding = rule.evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY),
                departedOn(LocalDate.of(2026, 8, 31)), OCTOBER_2026);

        assertThat(finding).map(Finding::daysDeparted).contains(61);
    }

    @Test
    void leaverWithExcessPermissionIsLeaverAccess() {
        assertThat(evaluate(grant("ERP", "ADMIN", LONG_AGO, YESTERDAY), departedOn(END.minusDays(3))))
                .contains(FindingRule.LEAVER_ACCESS);
    }

    @Test
    void leaverWithDormantGrantIsLeaverAccess() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, null), departedOn(END.minusDays(200))))
                .contains(FindingRule.LEAVER_ACCESS);
    }

    @Test
    void activeRowWhoseDepartureDateHasPassedIsLeaverAccess() {
        RosterEntry stillMarkedActive = new RosterEntry("E1", "Ann Lee", "Sales", "Analyst", EmploymentStatus.ACTIVE,
                LONG_AGO, END.minusDays(10));

        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), stillMarkedActive)).contains(FindingRule.LEAVER_ACCESS);
    }

    // --- EXCESS_PRIVILEGE ---

    @Test
    void permissionOutsideTheRoleIsExcessPrivilege() {
        assertThat(evaluate(grant("ERP", "ADMIN", LONG_AGO, YESTERDAY), analyst())).contains(FindingRule.EXCESS_PRIVILEGE);
    }

    @Test
    void entitlementOfTheRoleOnAnotherSystemIsExcessPrivilege() {
        assertThat(evaluate(grant("ERP", "READ", LONG_AGO, YESTERDAY), analyst())).contains(FindingRule.EXCESS_PRIVILEGE);
    }

    @Test
    void roleSystemAndPermissionInAnotherCaseMatchTheEntitlement() {
        RosterEntry lowerCaseRole = new RosterEntry("E1", "Ann Lee", "Sales", " ANALYST ", EmploymentStatus.ACTIVE,
                LONG_AGO, null);

        assertThat(evaluate(grant("crm", "read", LONG_AGO, YESTERDAY), lowerCaseRole)).isEmpty();
        assertThat(evaluate(grant("DWH", "QUERY", LONG_AGO, YESTERDAY), analyst())).isEmpty();
    }

    @Test
    void excessAndDormantGrantIsExcessPrivilege() {
        assertThat(evaluate(grant("ERP", "ADMIN", LONG_AGO, null), analyst())).contains(FindingRule.EXCESS_PRIVILEGE);
    }

    // --- DORMANT ---

    @Test
    void lastUseExactly90DaysBeforeEndIsNotDormant() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, END.minusDays(90)), analyst())).isEmpty();
    }

    @Test
    void lastUse91DaysBeforeEndIsDormant() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, END.minusDays(91)), analyst())).contains(FindingRule.DORMANT);
    }

    @Test
    void neverUsedGrantGrantedLongAgoIsDormant() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, null), analyst())).contains(FindingRule.DORMANT);
    }

    @Test
    void granted90DaysBeforeEndIsNotDormant() {
        assertThat(evaluate(grant("CRM", "READ", END.minusDays(90), null), analyst())).isEmpty();
    }

    @Test
    void granted91DaysBeforeEndAndNeverUsedIsDormant() {
        assertThat(evaluate(grant("CRM", "READ", END.minusDays(91), null), analyst())).contains(FindingRule.DORMANT);
    }

    @Test
    void lastUseAfterPeriodEndIsNotDormant() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, END.plusDays(2)), analyst())).isEmpty();
    }

    @Test
    void customDormancyThresholdMovesTheBoundary() {
        ReconciliationRule strict = new ReconciliationRule(new ReconciliationPolicy(30),
                Entitlements.of(List.of(new Entitlement("Analyst", "CRM", "READ"))));

        assertThat(strict.evaluate(grant("CRM", "READ", LONG_AGO, END.minusDays(30)), analyst(), OCTOBER_2026)).isEmpty();
        assertThat(strict.evaluate(grant("CRM", "READ", LONG_AGO, END.minusDays(31)), analyst(), OCTOBER_2026))
                .map(Finding::rule).contains(FindingRule.DORMANT);
    }

    // --- clean grants and misuse ---

    @Test
    void entitledGrantInUseHasNoFinding() {
        assertThat(evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), analyst())).isEmpty();
    }

    @Test
    void shortMonthEndsOnItsLastDay() {
        Period february = Period.parse("2028-02");
        LocalDate leapDay = LocalDate.of(2028, 2, 29);

        assertThat(rule.evaluate(grant("CRM", "READ", LONG_AGO, leapDay.minusDays(90)), analyst(), february)).isEmpty();
        assertThat(rule.evaluate(grant("CRM", "READ", LONG_AGO, YESTERDAY), departedOn(leapDay), february))
                .map(Finding::rule).contains(FindingRule.LEAVER_ACCESS);
    }

    @Test
    void rosterEntryOfAnotherEmployeeIsRejected() {
        Grant ofE2 = new Grant("E2", "CRM", "READ", LONG_AGO, YESTERDAY);

        assertThatThrownBy(() -> rule.evaluate(ofE2, analyst(), OCTOBER_2026))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E2");
    }

    @Test
    void defaultPolicyIs90Days() {
        assertThat(ReconciliationPolicy.defaults()).isEqualTo(new ReconciliationPolicy(90));
    }

    private Optional<FindingRule> evaluate(Grant grant, RosterEntry holder) {
        return rule.evaluate(grant, holder, OCTOBER_2026).map(Finding::rule);
    }

    private static Grant grant(String system, String permission, LocalDate grantedOn, LocalDate lastUsedOn) {
        return new Grant("E1", system, permission, grantedOn, lastUsedOn);
    }

    private static RosterEntry analyst() {
        return new RosterEntry("E1", "Ann Lee", "Sales", "Analyst", EmploymentStatus.ACTIVE, LONG_AGO, null);
    }

    private static RosterEntry departedOn(LocalDate day) {
        return new RosterEntry("E1", "Ann Lee", "Sales", "Analyst", EmploymentStatus.DEPARTED, LONG_AGO, day);
    }
}
