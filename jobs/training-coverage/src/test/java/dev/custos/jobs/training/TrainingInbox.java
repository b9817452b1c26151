package dev.custos.jobs.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.custos.common.period.Period;
import dev.custos.common.roster.RosterFile;

/**
 * The three training exports of one test, built row by row for one quarter and written into an
 * inbox. Rows are numbered as the importer numbers them: the header is line 1, the first row
 * added is line 2. Fields are written as given (no quoting), so a test can put blanks, odd case or
 * a malformed value exactly where it wants one; {@code *Line} methods add a raw line for rows
 * that are malformed as a whole.
 */
final class TrainingInbox {

    static final String ROSTER = RosterFile.NAME;
    static final String REQUIREMENTS = TrainingInputs.REQUIREMENTS;
    static final String COMPLETIONS = TrainingInputs.COMPLETIONS;

    /** A hire date that puts an employee in scope of any quarter the tests use. */
    static final LocalDate LONG_AGO = LocalDate.of(1999, 1, 4);

    private final Period quarter;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> rows = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();

    private TrainingInbox(Period quarter) {
        this.quarter = quarter;
        headers.put(ROSTER, String.join(",", RosterFile.LAYOUT.requiredColumns()));
        headers.put(REQUIREMENTS, String.join(",", TrainingInputs.REQUIREMENTS_LAYOUT.requiredColumns()));
        headers.put(COMPLETIONS, String.join(",", TrainingInputs.COMPLETIONS_LAYOUT.requiredColumns()));
        headers.keySet().forEach(file -> rows.put(file, new ArrayList<>()));
    }

    /** Empty exports (headers only) for {@code quarter}. */
    static TrainingInbox forQuarter(Period quarter) {
        return new TrainingInbox(quarter);
    }

    /** A roster row: ACTIVE in Sales as Rep, hired {@link #LONG_AGO}, until changed. */
    static EmployeeRow employee(String employeeId) {
        return new EmployeeRow(employeeId);
    }

    Period quarter() {
        return quarter;
    }

    /** A day in the middle of the quarter. */
    LocalDate midQuarter() {
        return quarter.start().plusDays(40);
    }

    TrainingInbox roster(EmployeeRow... employees) {
        for (EmployeeRow employee : employees) {
            rows.get(ROSTER).add(employee.line());
        }
        return this;
    }

    /** {@code employee_id,department,role}: an ACTIVE employee hired long ago. */
    TrainingInbox employee(String employeeId, String department, String role) {
        return roster(employee(employeeId).department(department).role(role));
    }

    TrainingInbox rosterLine(String line) {
        rows.get(ROSTER).add(line);
        return this;
    }

    /** A course with {@code audience} ({@code ALL}, {@code department:X}, {@code role:Y}). */
    TrainingInbox course(String courseId, String audience) {
        return requirementLine(courseId + ",Course " + courseId.strip() + "," + audience);
    }

    TrainingInbox requirementLine(String line) {
        rows.get(REQUIREMENTS).add(line);
        return this;
    }

    /** A completion; {@code score} as written in the export ("" for blank). */
    TrainingInbox completion(String employeeId, String courseId, LocalDate completedOn, String score) {
        return completionLine(employeeId + "," + courseId + "," + completedOn + "," + score);
    }

    /** A passing completion (blank score) in the middle of the quarter. */
    TrainingInbox passed(String employeeId, String courseId) {
        return completion(employeeId, courseId, midQuarter(), "");
    }

    TrainingInbox completionLine(String line) {
        rows.get(COMPLETIONS).add(line);
        return this;
    }

    /** Replaces the header row of {@code file}. */
    TrainingInbox header(String file, String header) {
        headers.put(file, header);
        return this;
    }

    /** {@link #writeTo} will not write {@code file}, as if the export were missing. */
    TrainingInbox leaveOut(String file) {
        leftOut.add(file);
        return this;
    }

    /** Writes every file not left out into {@code inbox} (created when missing). */
    Path writeTo(Path inbox) {
        for (String file : headers.keySet()) {
            if (!leftOut.contains(file)) {
                writeFile(inbox, file);
            }
        }
        return inbox;
    }

    /** Writes one file into {@code inbox}, also one that was left out before. */
    Path writeFile(Path inbox, String file) {
        StringBuilder text = new StringBuilder(headers.get(file)).append('\n');
        rows.get(file).forEach(line -> text.append(line).append('\n'));
        try {
            Files.createDirectories(inbox);
            return Files.writeString(inbox.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One roster row; every field is written as given. */
    static final class EmployeeRow {

        private final String employeeId;
        private String fullName;
        private String department = "Sales";
        private String role = "Rep";
        private String status = "ACTIVE";
        private String hiredOn = LONG_AGO.toString();
        private String departedOn = "";

        private EmployeeRow(String employeeId) {
            this.employeeId = employeeId;
            this.fullName = "Staff " + employeeId.strip();
        }

        EmployeeRow fullName(String fullName) {
            this.fullName = fullName;
            return this;
        }

        EmployeeRow department(String department) {
            this.department = department;
            return this;
        }

        EmployeeRow role(String role) {
            this.role = role;
            return this;
        }

        EmployeeRow status(String status) {
            this.status = status;
            return this;
        }

        EmployeeRow hiredOn(LocalDate hiredOn) {
            return hiredOn(hiredOn.toString());
        }

        EmployeeRow hiredOn(String hiredOn) {
            this.hiredOn = hiredOn;
            return this;
        }

        /** DEPARTED on {@code departedOn}. */
        EmployeeRow departedOn(LocalDate departedOn) {
            this.status = "DEPARTED";
            this.departedOn = departedOn.toString();
            return this;
        }

        String line() {
            String email = employeeId.strip().toLowerCase(Locale.ROOT) + "@example.test";
            return String.join(",", employeeId, fullName, email, department, role, status, hiredOn, departedOn);
        }
    }
}
