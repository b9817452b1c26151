package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.common.period.Period;
import dev.custos.common.roster.EmploymentStatus;
import dev.custos.common.roster.RosterEntry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageRuleTest {

    private static final Period Q4_2026 = Period.parse("2026-Q4");
    private static final LocalDate QUARTER_START = LocalDate.of(2026, 10, 1);
    private static final LocalDate QUARTER_END = LocalDate.of(2026, 12, 31);
    private static final LocalDate LONG_AGO = LocalDate.of(2015, 3, 2);

    private final CoverageRule rule = new CoverageRule(TrainingPolicy.defaults());

    // --- scope: hire date ---

    @Test
    void hiredExactlyThirtyDaysBeforeQuarterEndIsInScope() {
        assertThat(rule.inScope(activeHiredOn(QUARTER_END.minusDays(30)), Q4_2026)).isTrue();
    }

    @Test
    void hiredTwentyNineDaysBeforeQuarterEndIsOutOfScope() {
        assertThat(rule.inScope(activeHiredOn(QUARTER_END.minusDays(29)), Q4_2026)).isFalse();
    }

    @Test
    void hiredAfterQuarterEndIsOutOfScope() {
        assertThat(rule.inScope(activeHiredOn(QUARTER_END.plusDays(5)), Q4_2026)).isFalse();
    }

    // --- scope: departure ---

    @Test
    void departedOnQuarterEndIsOutOfScope() {
        assertThat(rule.inScope(departedOn(QUARTER_END), Q4_2026)).isFalse();
    }

    @Test
    void departedTheDayAfterQuarterEndIsInScope() {
        assertThat(rule.inScope(departedOn(QUARTER_END.plusDays(1)), Q4_2026)).isTrue();
    }

    @Test
    void departedBeforeQuarterIsOutOfScope() {
        assertThat(rule.inScope(departedOn(QUARTER_START.minusDays(1)), Q4_2026)).isFalse();
    }

    @Test
    void activeRowWithDepartureOnOrBeforeQuarterEndCountsAsDeparted() {
        RosterEntry leavingOnLastDay = new RosterEntry("E1", "Ann Lee", "Sales", "Manager", EmploymentStatus.ACTIVE,
                LONG_AGO, QUARTER_END);
        assertThat(rule.inScope(leavingOnLastDay, Q4_2026)).isFalse();
    }

    @Test
    void activeRowWithDepartureAfterQuarterEndIsInScope() {
        RosterEntry leavingNextQuarter = new RosterEntry("E1", "Ann Lee", "Sales", "Manager", EmploymentStatus.ACTIVE,
                LONG_AGO, QUARTER_END.plusDays(1));
        assertThat(rule.inScope(leavingNextQuarter, Q4_2026)).isTrue();
    }

    @Test
    void departedRowWithoutDepartureDateIsOutOfScope() {
        RosterEntry departed = new RosterEntry("E1", "Ann Lee", "Sales", "Manager", EmploymentStatus.DEPARTED,
                LONG_AGO, null);
        assertThat(rule.inScope(departed, Q4_2026)).isFalse();
    }

    // --- passing completions: score ---

    @Test
    void scoreOf79IsNotAPass() {
        assertThat(rule.passes(completion("C1", QUARTER_START.plusDays(10), 79), Q4_2026)).isFalse();
    }

    @Test
    void scoreOf80IsAPass() {
        assertThat(rule.passes(completion("C1", QUARTER_START.plusDays(10), 80), Q4_2026)).isTrue();
    }

    @Test
    void blankScoreIsAPass() {
        assertThat(rule.passes(completion("C1", QUARTER_START.plusDays(10), null), Q4_2026)).isTrue();
    }

    // --- passing completions: date ---

    @Test
    void completionTheDayBeforeQuarterStartDoesNotCount() {
        assertThat(rule.passes(completion("C1", QUARTER_START.minusDays(1), 95), Q4_2026)).isFalse();
    }

    @Test
    void completionOnFirstDayOfQuarterCounts() {
        assertThat(rule.passes(completion("C1", QUARTER_START, 95), Q4_2026)).isTrue();
    }

    @Test
    void completionOnLastDayOfQuarterCounts() {
        assertThat(rule.passes(completion("C1", QUARTER_END, 95), Q4_2026)).isTrue();
    }

    @Test
    void completionTheDayAfterQuarterEndDoesNotCount() {
        assertThat(rule.passes(completion("C1", QUARTER_END.plusDays(1), 95), Q4_2026)).isFalse();
    }

    // --- applicable courses ---

    @Test
    void allAudienceAppliesToEveryone() {
        CoverageResult result = rule.evaluate(employee("Legal", "Paralegal"),
                List.of(requirement("C1", "ALL")), List.of(), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("C1");
    }

    @Test
    void departmentAudienceMatchesIgnoringCaseAndSurroundingBlanks() {
        CoverageResult result = rule.evaluate(employee("  sALES ", "Account Executive"),
                List.of(requirement("C1", "Department: Sales"), requirement("C2", "department:Support")),
                List.of(), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("C1");
    }

    @Test
    void roleAudienceMatchesIgnoringCaseAndSurroundingBlanks() {
        CoverageResult result = rule.evaluate(employee("Sales", " account executive"),
                List.of(requirement("C1", "ROLE:Account Executive "), requirement("C2", "role:Manager")),
                List.of(), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("C1");
    }

    @Test
    void roleAudienceAppliesInEveryDepartment() {
        List<Requirement> requirements = List.of(requirement("C1", "role:Manager"));

        assertThat(rule.evaluate(employee("Sales", "Manager"), requirements, List.of(), Q4_2026).applicableCourses())
                .containsExactly("C1");
        assertThat(rule.evaluate(employee("HR", "Manager"), requirements, List.of(), Q4_2026).applicableCourses())
                .containsExactly("C1");
    }

    @Test
    void courseRequiredByTwoAudiencesIsCountedOnce() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"),
                List.of(requirement("C1", "department:Sales"), requirement("C1", "role:Manager")),
                List.of(), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("C1");
        assertThat(result.missingCourses()).containsExactly("C1");
    }

    // --- coverage ---

    @Test
    void everyApplicableCoursePassedInQuarterIsCovered() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"),
                List.of(requirement("C1", "ALL"), requirement("C2", "department:Sales")),
                List.of(completion("C1", QUARTER_START, 90), completion("C2", QUARTER_END, null)), Q4_2026);

        assertThat(result.inScope()).isTrue();
        assertThat(result.missingCourses()).isEmpty();
        assertThat(result.covered()).isTrue();
    }

    @Test
    void failedAttemptFollowedByPassIsCovered() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"), List.of(requirement("C1", "ALL")),
                List.of(completion("C1", QUARTER_START.plusDays(3), 55), completion("C1", QUARTER_START.plusDays(9), 85)),
                Q4_2026);

        assertThat(result.covered()).isTrue();
    }

    @Test
    void failedOrOutOfQuarterCompletionsLeaveTheCourseMissing() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"),
                List.of(requirement("C1", "ALL"), requirement("C2", "ALL"), requirement("C3", "ALL")),
                List.of(completion("C1", QUARTER_START.plusDays(3), 79),
                        completion("C2", QUARTER_START.minusDays(1), 100),
                        completion("C3", QUARTER_END.plusDays(1), 100)),
                Q4_2026);

        assertThat(result.missingCourses()).containsExactly("C1", "C2", "C3");
        assertThat(result.covered()).isFalse();
    }

    @Test
    void missingCoursesAreSorted() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"),
                List.of(requirement("SEC-300", "ALL"), requirement("AML-020", "department:Sales"),
                        requirement("PRV-100", "role:Manager")),
                List.of(), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("AML-020", "PRV-100", "SEC-300");
        assertThat(result.missingCourses()).containsExactly("AML-020", "PRV-100", "SEC-300");
    }

    @Test
    void completionOfCourseNotRequiredIsIgnored() {
        CoverageResult result = rule.evaluate(employee("Sales", "Manager"), List.of(requirement("C1", "ALL")),
                List.of(completion("C9", QUARTER_START, 100)), Q4_2026);

        assertThat(result.applicableCourses()).containsExactly("C1");
        assertThat(result.missingCourses()).containsExactly("C1");
    }

    @Test
    void employeeWithNoApplicableCourseIsInScopeAndCovered() {
        CoverageResult result = rule.evaluate(employee("Legal", "Counsel"),
                List.of(requirement("C1", "department:Sales")), List.of(), Q4_2026);

        assertThat(result.inScope()).isTrue();
        assertThat(result.applicableCourses()).isEmpty();
        assertThat(result.covered()).isTrue();
    }

    @Test
    void outOfScopeEmployeeIsNeitherCoveredNorMissingCourses() {
        CoverageResult result = rule.evaluate(departedOn(QUARTER_START.plusDays(5)),
                List.of(requirement("C1", "ALL")), List.of(), Q4_2026);

        assertThat(result.inScope()).isFalse();
        assertThat(result.covered()).isFalse();
        assertThat(result.applicableCourses()).isEmpty();
        assertThat(result.missingCourses()).isEmpty();
    }

    @Test
    void completionOfAnotherEmployeeIsRejected() {
        Completion someoneElses = new Completion("E2", "C1", QUARTER_START, 90);

        assertThatThrownBy(() -> rule.evaluate(employee("Sales", "Manager"), List.of(requirement("C1", "ALL")),
                List.of(someoneElses), Q4_2026))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E2");
    }

    // --- calendar and policy ---

    @Test
    void firstQuarterOfLeapYearEndsOnMarch31AndIncludesFebruary29() {
        Period q1 = Period.parse("2024-Q1");

        assertThat(q1.end()).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(rule.inScope(activeHiredOn(LocalDate.of(2024, 3, 1)), q1)).isTrue();
        assertThat(rule.inScope(activeHiredOn(LocalDate.of(2024, 3, 2)), q1)).isFalse();
        assertThat(rule.passes(completion("C1", LocalDate.of(2024, 2, 29), 80), q1)).isTrue();
        assertThat(rule.passes(completion("C1", LocalDate.of(2024, 3, 31), 80), q1)).isTrue();
        assertThat(rule.passes(completion("C1", LocalDate.of(2024, 4, 1), 80), q1)).isFalse();
    }

    @Test
    void customPolicyMovesTheHireCutoffAndThePassScore() {
        CoverageRule lenient = new CoverageRule(new TrainingPolicy(10, 70));

        assertThat(lenient.inScope(activeHiredOn(QUARTER_END.minusDays(10)), Q4_2026)).isTrue();
        assertThat(lenient.inScope(activeHiredOn(QUARTER_END.minusDays(9)), Q4_2026)).isFalse();
        assertThat(lenient.passes(completion("C1", QUARTER_START, 70), Q4_2026)).isTrue();
        assertThat(lenient.passes(completion("C1", QUARTER_START, 69), Q4_2026)).isFalse();
    }

    @Test
    void defaultPolicyIsThirtyDaysAndAScoreOf80() {
        assertThat(TrainingPolicy.defaults()).isEqualTo(new TrainingPolicy(30, 80));
    }

    @Test
    void policyOutsideItsRangeIsRejected() {
        assertThatThrownBy(() -> new TrainingPolicy(-1, 80)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrainingPolicy(30, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RosterEntry employee(String department, String role) {
        return new RosterEntry("E1", "Ann Lee", department, role, EmploymentStatus.ACTIVE, LONG_AGO, null);
    }

    private static RosterEntry activeHiredOn(LocalDate hiredOn) {
        return new RosterEntry("E1", "Ann Lee", "Sales", "Manager", EmploymentStatus.ACTIVE, hiredOn, null);
    }

    private static RosterEntry departedOn(LocalDate departedOn) {
        return new RosterEntry("E1", "Ann Lee", "Sales", "Manager", EmploymentStatus.DEPARTED, LONG_AGO, departedOn);
    }

    private static Requirement requirement(String courseId, String audience) {
        return new Requirement(courseId, "Course " + courseId, Audience.parse(audience));
    }

    private static Completion completion(String courseId, LocalDate completedOn, Integer score) {
        return new Completion("E1", courseId, completedOn, score);
    }
}
