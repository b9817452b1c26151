package dev.custos.jobs.training.sample;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterFile;
import dev.custos.jobs.training.Completion;
import dev.custos.jobs.training.Requirement;
import dev.custos.jobs.training.TrainingInputs;
import dev.custos.jobs.training.TrainingPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the three input files of the training-coverage job for one quarter: a roster, a course
 * catalog and LMS completions shaped like real exports (see {@link SampleOrganisation} and
 * {@link SampleCompletions}), landing at roughly 90-97% coverage. The output depends only on the
 * sizes, the seed, the quarter and the malformed-rows flag. Rows are streamed to the files, so
 * the benchmark's million completions never sit in memory.
 */
public final class TrainingSampleData {

    public static final String ROSTER_FILE = RosterFile.NAME;
    public static final String REQUIREMENTS_FILE = TrainingInputs.REQUIREMENTS;
    public static final String COMPLETIONS_FILE = TrainingInputs.COMPLETIONS;

    private static final String[] ROSTER_HEADER = RosterFile.LAYOUT.requiredColumns().toArray(String[]::new);
    private static final String[] REQUIREMENTS_HEADER =
            TrainingInputs.REQUIREMENTS_LAYOUT.requiredColumns().toArray(String[]::new);
    private static final String[] COMPLETIONS_HEADER =
            TrainingInputs.COMPLETIONS_LAYOUT.requiredColumns().toArray(String[]::new);

    /** RFC 4180 quoting with LF line ends. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    /**
     * How much to generate.
     *
     * @param completions the total number of completion rows, spread over the employees
     */
    public record Sizes(int employees, int courses, long completions) {

        public Sizes {
            if (employees < 1 || courses < 1 || completions < 0) {
                throw new IllegalArgumentException("sample sizes need at least one employee and one course and no"
                        + " negative completions, found " + employees + ", " + courses + ", " + completions);
            }
        }

        /** Small enough to read: about 300 employees, 8 courses, 5 completions each. */
        public static Sizes demo() {
            return new Sizes(300, 8, 1_500);
        }

        /** The benchmark's volume: 200,000 employees, 50 courses, 1,200,000 completions. */
        public static Sizes benchmark() {
            return new Sizes(200_000, 50, 1_200_000);
        }
    }

    /** Where the files went and how many data rows (header excluded) each holds. */
    public record SampleFiles(
            Path roster, Path requirements, Path completions,
            long rosterRows, long requirementRows, long completionRows) {
    }

    private final Sizes sizes;
    private final long seed;
    private final boolean malformedRows;

    private TrainingSampleData(Sizes sizes, long seed, boolean malformedRows) {
        this.sizes = sizes;
        this.seed = seed;
        this.malformedRows = malformedRows;
    }

    /**
     * Writes the three files into {@code dir}, creating it when needed and replacing existing files.
     *
     * @param malformedRows whether to mix in rows the importer must reject (for the demo; the
     *                      benchmark leaves them out)
     * @throws IllegalArgumentException when {@code quarter} is not a quarter
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static SampleFiles write(Path dir, Period quarter, Sizes sizes, long seed, boolean malformedRows) {
        if (quarter.type() != PeriodType.QUARTER) {
            throw new IllegalArgumentException("training sample data is written for a quarter, not '" + quarter + "'");
        }
        try {
            return new TrainingSampleData(sizes, seed, malformedRows).writeFiles(dir, quarter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training sample files to " + dir, e);
        }
    }

    private SampleFiles writeFiles(Path dir, Period quarter) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        List<Requirement> courses = SampleOrganisation.courses(sizes.courses());

        Path requirementsFile = dir.resolve(REQUIREMENTS_FILE);
        long requirementRows;
        try (CSVPrinter requirements = open(requirementsFile, REQUIREMENTS_HEADER)) {
            requirementRows = writeRequirements(requirements, courses);
        }

        Path rosterFile = dir.resolve(ROSTER_FILE);
        Path completionsFile = dir.resolve(COMPLETIONS_FILE);
        try (CSVPrinter roster = open(rosterFile, ROSTER_HEADER);
                CSVPrinter completions = open(completionsFile, COMPLETIONS_HEADER)) {
            RowCounts counts = new StaffWriter(quarter, courses, random, roster, completions).writeAll();
            return new SampleFiles(rosterFile, requirementsFile, completionsFile,
                    counts.roster(), requirementRows, counts.completions());
        }
    }

    private long writeRequirements(CSVPrinter printer, List<Requirement> courses) throws IOException {
        for (Requirement course : courses) {
            printer.printRecord(course.courseId(), course.title(), course.audience());
        }
        List<List<String>> malformed = malformedRows ? MalformedSampleRows.requirements(courses.size()) : List.of();
        for (List<String> row : malformed) {
            printer.printRecord(row);
        }
        return courses.size() + malformed.size();
    }

    private static CSVPrinter open(Path file, String[] header) throws IOException {
        return CSV.builder().setHeader(header).get().print(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    private record RowCounts(long roster, long completions) {
    }

    /**
     * Writes each employee's roster row and completions in one pass, so nothing about an
     * employee has to be remembered once written. Malformed rows are spread evenly through
     * the files.
     */
    private final class StaffWriter {

        private final Period quarter;
        private final List<Requirement> courses;
        private final SplittableRandom random;
        private final CSVPrinter roster;
        private final CSVPrinter completions;
        private final SampleCompletions sampleCompletions;
        private final Map<String, List<String>> coursesByDepartmentAndRole = new HashMap<>();
        private final List<List<String>> malformedRoster;
        private final List<List<String>> malformedCompletions;

        StaffWriter(Period quarter, List<Requirement> courses, SplittableRandom random,
                CSVPrinter roster, CSVPrinter completions) {
            this.quarter = quarter;
            this.courses = courses;
            this.random = random;
            this.roster = roster;
            this.completions = completions;
            List<String> courseIds = courses.stream().map(Requirement::courseId).toList();
            this.sampleCompletions = new SampleCompletions(courseIds, quarter.start(), quarter.end(),
                    TrainingPolicy.DEFAULT_PASS_SCORE, random);
            this.malformedRoster = malformedRows
                    ? MalformedSampleRows.roster(sizes.employees(), quarter.start()) : List.of();
            this.malformedCompletions = malformedRows
                    ? MalformedSampleRows.completions(courseIds.get(0), quarter.start()) : List.of();
        }

        RowCounts writeAll() throws IOException {
            long completionsLeft = sizes.completions();
            int employees = sizes.employees();
            for (int index = 0; index < employees; index++) {
                SampleOrganisation.StaffMember member =
                        SampleOrganisation.staffMember(index + 1, quarter.start(), quarter.end(), random);
                RosterEntry employee = member.employee();
                roster.printRecord(employee.employeeId(), employee.fullName(), member.email(), employee.department(),
                        employee.role(), employee.status(), employee.hiredOn(), employee.departedOn());
                int budget = budget(completionsLeft, employees - index);
                for (Completion completion : sampleCompletions.of(employee, applicableCourses(employee), budget)) {
                    completions.printRecord(completion.employeeId(), completion.courseId(), completion.completedOn(),
                            completion.score());
                }
                completionsLeft -= budget;
                printMalformedDue(roster, malformedRoster, index + 1);
                printMalformedDue(completions, malformedCompletions, index + 1);
            }
            return new RowCounts(employees + malformedRoster.size(), sizes.completions() + malformedCompletions.size());
        }

        /**
         * This employee's share of the completions still to write: the average of what is left,
         * give or take one, so the total comes out exact and the last employee absorbs the rest.
         */
        private int budget(long completionsLeft, int employeesLeft) {
            if (employeesLeft == 1) {
                return Math.toIntExact(completionsLeft);
            }
            long average = completionsLeft / employeesLeft;
            boolean roundUp = random.nextLong(employeesLeft) < completionsLeft % employeesLeft;
            long budget = average + (roundUp ? 1 : 0) + random.nextInt(3) - 1;
            return (int) Math.max(0, Math.min(budget, completionsLeft));
        }

        private List<String> applicableCourses(RosterEntry employee) {
            return coursesByDepartmentAndRole.computeIfAbsent(employee.department() + "|" + employee.role(),
                    key -> courses.stream()
                            .filter(course -> course.audience().appliesTo(employee))
                            .map(Requirement::courseId)
                            .toList());
        }

        /** Prints the malformed rows due after the {@code written}-th employee. */
        private void printMalformedDue(CSVPrinter printer, List<List<String>> rows, int written) throws IOException {
            for (int i = 0; i < rows.size(); i++) {
                if (written == Math.max(1, (long) (i + 1) * sizes.employees() / (rows.size() + 1))) {
                    printer.printRecord(rows.get(i));
                }
            }
        }
    }
}
