package dev.custos.jobs.training.sample;

import java.time.LocalDate;
import java.util.List;

/**
 * Rows the importer must reject, mixed into the demo's files so that its reject reports show
 * each kind of defect: an impossible date, a blank employee id, a repeated roster id, a short
 * row, an out-of-range score and an unknown audience.
 */
final class MalformedSampleRows {

    private MalformedSampleRows() {
    }

    /**
     * @param employees the number of valid roster rows; new ids continue after it, the repeated
     *                  id is the first employee's
     */
    static List<List<String>> roster(int employees, LocalDate quarterStart) {
        String impossibleDate = quarterStart.getYear() - 3 + "-02-30";
        String hiredOn = quarterStart.minusYears(2).toString();
        return List.of(
                List.of(SampleOrganisation.employeeId(employees + 1), "Dana Whitfield", "dana.whitfield@example.com",
                        "Sales", "Account Executive", "ACTIVE", impossibleDate, ""),
                List.of("", "Sam Ortega", "sam.ortega@example.com", "Support", "Support Agent", "ACTIVE", hiredOn, ""),
                List.of(SampleOrganisation.employeeId(1), "Chris Payne", "chris.payne@example.com",
                        "Finance", "Accountant", "ACTIVE", hiredOn, ""),
                List.of(SampleOrganisation.employeeId(employees + 2), "Lee Park", "lee.park@example.com", "Finance"));
    }

    static List<List<String>> requirements(int courses) {
        return List.of(List.of(SampleOrganisation.courseId(courses + 1), "Legacy onboarding", "team:Platform"));
    }

    static List<List<String>> completions(String courseId, LocalDate quarterStart) {
        String employeeId = SampleOrganisation.employeeId(1);
        String inQuarter = quarterStart.plusDays(10).toString();
        return List.of(
                List.of(employeeId, courseId, quarterStart.getYear() + "-02-30", "90"),
                List.of("", courseId, inQuarter, "88"),
                List.of(employeeId, courseId),
                List.of(employeeId, courseId, inQuarter, "105"));
    }
}
