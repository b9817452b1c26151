package dev.custos.jobs.training.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.custos.common.roster.RosterEntry;
import dev.custos.jobs.training.Completion;

/**
 * The LMS rows of one sample employee. Most staff pass every course that applies to them inside
 * the quarter; about 4% leave a gap (no attempt, a failed attempt, or a completion dated just
 * before or after the quarter), and the rest of each employee's row budget goes to refreshers
 * from the previous quarter, optional courses and failed attempts, so that about 5% of all
 * rows fail and a few scores are blank.
 */
final class SampleCompletions {

    private static final double GAP_SHARE = 0.04;
    private static final double SECOND_GAP_SHARE = 0.25;
    private static final double RETAKE_SHARE = 0.03;
    private static final double BLANK_SCORE_SHARE = 0.12;
    private static final double REFRESHER_SHARE = 0.45;
    private static final double OPTIONAL_COURSE_SHARE = 0.45;
    private static final int LOWEST_FAILING_SCORE = 35;

    private final List<String> allCourses;
    private final LocalDate quarterStart;
    private final LocalDate quarterEnd;
    private final int passScore;
    private final SplittableRandom random;

    SampleCompletions(List<String> allCourses, LocalDate quarterStart, LocalDate quarterEnd, int passScore,
            SplittableRandom random) {
        this.allCourses = List.copyOf(allCourses);
        this.quarterStart = quarterStart;
        this.quarterEnd = quarterEnd;
        this.passScore = passScore;
        this.random = random;
    }

    /**
     * Exactly {@code budget} rows for {@code employee}. When the applicable courses need more
     * rows than the budget allows, the last ones are dropped and become gaps.
     */
    List<Completion> of(RosterEntry employee, List<String> applicableCourses, int budget) {
        LocalDate firstDay = max(quarterStart, employee.hiredOn());
        LocalDate lastDay = employee.departedOn() != null && employee.departedOn().isBefore(quarterEnd)
                ? employee.departedOn() : quarterEnd;
        List<Completion> rows = new ArrayList<>(budget + 2);
        if (lastDay.isBefore(firstDay)) {
            addHistory(rows, employee, applicableCourses, budget);
            return rows;
        }
        List<String> gaps = pickGaps(applicableCourses);
        for (String course : applicableCourses) {
            if (gaps.contains(course)) {
                addGap(rows, employee.employeeId(), course, firstDay, lastDay);
            } else {
                LocalDate passedOn = SampleDates.between(firstDay, lastDay, random);
                if (random.nextDouble() < RETAKE_SHARE) {
                    rows.add(failed(employee.employeeId(), course, SampleDates.between(firstDay, passedOn, random)));
                }
                rows.add(passed(employee.employeeId(), course, passedOn));
            }
        }
        while (rows.size() < budget) {
            addExtra(rows, employee, applicableCourses, firstDay, lastDay);
        }
        return budget < rows.size() ? new ArrayList<>(rows.subList(0, budget)) : rows;
    }

    /** Someone who left before the quarter: completions from their last months, none in the quarter. */
    private void addHistory(List<Completion> rows, RosterEntry employee, List<String> applicableCourses, int budget) {
        LocalDate last = employee.departedOn();
        LocalDate first = max(employee.hiredOn(), last.minusDays(365));
        List<String> courses = applicableCourses.isEmpty() ? allCourses : applicableCourses;
        for (int i = 0; i < budget; i++) {
            rows.add(passed(employee.employeeId(), courses.get(i % courses.size()),
                    SampleDates.between(first, last, random)));
        }
    }

    private List<String> pickGaps(List<String> applicableCourses) {
        if (applicableCourses.isEmpty() || random.nextDouble() >= GAP_SHARE) {
            return List.of();
        }
        List<String> gaps = new ArrayList<>(2);
        gaps.add(applicableCourses.get(random.nextInt(applicableCourses.size())));
        if (random.nextDouble() < SECOND_GAP_SHARE) {
            gaps.add(applicableCourses.get(random.nextInt(applicableCourses.size())));
        }
        return gaps;
    }

    /**
     * Leaves {@code course} uncovered the way it happens in practice: a failed attempt, a
     * completion just before the quarter started or just after it ended, or, for a quarter of
     * the gaps, no attempt at all.
     */
    private void addGap(List<Completion> rows, String employeeId, String course, LocalDate firstDay, LocalDate lastDay) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            rows.add(failed(employeeId, course, SampleDates.between(firstDay, lastDay, random)));
        } else if (kind == 1) {
            rows.add(passed(employeeId, course, quarterStart.minusDays(1 + random.nextInt(20))));
        } else if (kind == 2) {
            rows.add(passed(employeeId, course, quarterEnd.plusDays(1 + random.nextInt(20))));
        }
    }

    private void addExtra(List<Completion> rows, RosterEntry employee, List<String> applicableCourses,
            LocalDate firstDay, LocalDate lastDay) {
        String employeeId = employee.employeeId();
        double kind = random.nextDouble();
        if (kind < REFRESHER_SHARE && !applicableCourses.isEmpty() && employee.hiredOn().isBefore(quarterStart)) {
            LocalDate previousQuarter = max(employee.hiredOn(), quarterStart.minusDays(91));
            String course = applicableCourses.get(random.nextInt(applicableCourses.size()));
            rows.add(passed(employeeId, course, SampleDates.between(previousQuarter, quarterStart.minusDays(1), random)));
        } else if (kind < REFRESHER_SHARE + OPTIONAL_COURSE_SHARE) {
            String course = allCourses.get(random.nextInt(allCourses.size()));
            rows.add(passed(employeeId, course, SampleDates.between(firstDay, lastDay, random)));
        } else {
            String course = allCourses.get(random.nextInt(allCourses.size()));
            rows.add(failed(employeeId, course, SampleDates.between(firstDay, lastDay, random)));
        }
    }

    private Completion passed(String employeeId, String course, LocalDate on) {
        Integer score = random.nextDouble() < BLANK_SCORE_SHARE ? null : passScore + random.nextInt(101 - passScore);
        return new Completion(employeeId, course, on, score);
    }

    private Completion failed(String employeeId, String course, LocalDate on) {
        return new Completion(employeeId, course, on, LOWEST_FAILING_SCORE + random.nextInt(passScore - LOWEST_FAILING_SCORE));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
