package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.custos.common.period.Period;
import dev.custos.common.roster.EmploymentStatus;
import dev.custos.common.roster.RosterEntry;
import dev.custos.jobs.training.sample.TrainingSampleData;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSampleDataTest {

    private static final Period QUARTER = Period.parse("2026-Q4");
    private static final TrainingSampleData.Sizes BENCHMARK_SHAPED = new TrainingSampleData.Sizes(2_000, 50, 12_000);
    private static final CSVFormat WITH_HEADER = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    @TempDir
    Path dir;

    @Test
    void filesCarryTheDesignHeaders() throws IOException {
        TrainingSampleData.write(dir, QUARTER, TrainingSampleData.Sizes.demo(), 1, false);

        assertThat(firstLine("hr_roster.csv"))
                .isEqualTo("employee_id,full_name,email,department,role,status,hired_on,departed_on");
        assertThat(firstLine("training_requirements.csv")).isEqualTo("course_id,title,audience");
        assertThat(firstLine("training_completions.csv")).isEqualTo("employee_id,course_id,completed_on,score");
    }

    @Test
    void filesHoldTheRequestedNumberOfRows() throws IOException {
        TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, QUARTER, BENCHMARK_SHAPED, 7, false);

        assertThat(records(files.roster())).hasSize(2_000);
        assertThat(records(files.requirements())).hasSize(50);
        assertThat(records(files.completions())).hasSize(12_000);
        assertThat(files).extracting(TrainingSampleData.SampleFiles::rosterRows,
                        TrainingSampleData.SampleFiles::requirementRows, TrainingSampleData.SampleFiles::completionRows)
                .containsExactly(2_000L, 50L, 12_000L);
    }

    @Test
    void sameSeedWritesIdenticalFiles() throws IOException {
        TrainingSampleData.SampleFiles first = TrainingSampleData.write(dir.resolve("a"), QUARTER, BENCHMARK_SHAPED, 42, true);
        TrainingSampleData.SampleFiles second = TrainingSampleData.write(dir.resolve("b"), QUARTER, BENCHMARK_SHAPED, 42, true);

        assertThat(Files.mismatch(first.roster(), second.roster())).isEqualTo(-1);
        assertThat(Files.mismatch(first.requirements(), second.requirements())).isEqualTo(-1);
        assertThat(Files.mismatch(first.completions(), second.completions())).isEqualTo(-1);
    }

    @Test
    void anotherSeedWritesOtherData() throws IOException {
        TrainingSampleData.SampleFiles first = TrainingSampleData.write(dir.resolve("a"), QUARTER, BENCHMARK_SHAPED, 42, false);
        TrainingSampleData.SampleFiles second = TrainingSampleData.write(dir.resolve("b"), QUARTER, BENCHMARK_SHAPED, 43, false);

        assertThat(Files.mismatch(first.roster(), second.roster())).isNotEqualTo(-1);
        assertThat(Files.mismatch(first.completions(), second.completions())).isNotEqualTo(-1);
    }

    @Test
    void filesAreUtf8WithLfLineEndsAndQuoteWhereNeeded() throws IOException {
        TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, QUARTER, TrainingSampleData.Sizes.demo(), 3, false);

        for (Path file : List.of(files.roster(), files.requirements(), files.completions())) {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            assertThat(text).doesNotContain("\r").endsWith("\n");
        }
        assertThat(Files.readString(files.requirements()))
                .contains("\"Customer Data Protection: \"\"Need to Know\"\", Least Privilege\"");
        assertThat(records(files.requirements())).extracting(row -> row.get("title"))
                .contains("Customer Data Protection: \"Need to Know\", Least Privilege");
    }

    @Test
    void demoSizesAndBenchmarkSizesAreAsAgreed() {
        assertThat(TrainingSampleData.Sizes.demo()).isEqualTo(new TrainingSampleData.Sizes(300, 8, 1_500));
        assertThat(TrainingSampleData.Sizes.benchmark())
                .isEqualTo(new TrainingSampleData.Sizes(200_000, 50, 1_200_000));
    }

    @Test
    void demoWithMalformedRowsContainsEachKindOfDefect() throws IOException {
        TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, QUARTER, TrainingSampleData.Sizes.demo(), 5, true);

        List<CSVRecord> roster = records(files.roster());
        assertThat(roster).hasSize(304);
        assertThat(files.rosterRows()).isEqualTo(304);
        assertThat(roster).anySatisfy(row -> assertThat(row.get("employee_id")).isEmpty());
        assertThat(roster).anySatisfy(row -> assertThat(row.size()).isLessThan(8));
        assertThat(roster).filteredOn(row -> row.get("employee_id").equals("E000001")).hasSize(2);
        assertThat(roster).filteredOn(row -> row.isConsistent() && !isDate(row.get("hired_on"))).hasSize(1);

        List<CSVRecord> completions = records(files.completions());
        assertThat(completions).hasSize(1_504);
        assertThat(completions).anySatisfy(row -> assertThat(row.get("employee_id")).isEmpty());
        assertThat(completions).anySatisfy(row -> assertThat(row.size()).isLessThan(4));
        assertThat(completions).filteredOn(row -> row.isConsistent() && !isDate(row.get("completed_on"))).hasSize(1);
        assertThat(completions).filteredOn(row -> row.isConsistent() && row.get("score").equals("105")).hasSize(1);

        assertThat(records(files.requirements())).hasSize(9)
                .extracting(row -> row.get("audience")).contains("team:Platform");
    }

    @Test
    void withoutMalformedRowsEveryRowIsWellFormed() throws IOException {
        TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, QUARTER, TrainingSampleData.Sizes.demo(), 5, false);

        assertThat(records(files.roster())).allSatisfy(row -> {
            assertThat(row.isConsistent()).isTrue();
            assertThat(row.get("employee_id")).isNotEmpty();
            assertThat(isDate(row.get("hired_on"))).isTrue();
        });
        assertThat(records(files.roster())).extracting(row -> row.get("employee_id")).doesNotHaveDuplicates();
        assertThat(records(files.completions())).allSatisfy(row -> assertThat(isDate(row.get("completed_on"))).isTrue());
        assertThat(records(files.requirements()))
                .allSatisfy(row -> Audience.parse(row.get("audience")));
    }

    /** The generator promises realistic gaps: coverage well below 100%, but not a failing company. */
    @Test
    void coverageOfTheSampleIsBetween90And97Percent() throws IOException {
        TrainingSampleData.SampleFiles files = TrainingSampleData.write(dir, QUARTER, BENCHMARK_SHAPED, 11, false);

        List<Requirement> requirements = records(files.requirements()).stream()
                .map(row -> new Requirement(row.get("course_id"), row.get("title"), Audience.parse(row.get("audience"))))
                .toList();
        Map<String, List<Completion>> completions = new HashMap<>();
        for (CSVRecord row : records(files.completions())) {
            Integer score = row.get("score").isEmpty() ? null : Integer.valueOf(row.get("score"));
            completions.computeIfAbsent(row.get("employee_id"), id -> new ArrayList<>())
                    .add(new Completion(row.get("employee_id"), row.get("course_id"),
                            LocalDate.parse(row.get("completed_on")), score));
        }
        CoverageRule rule = new CoverageRule(TrainingPolicy.defaults());
        int inScope = 0;
        int covered = 0;
        for (CSVRecord row : records(files.roster())) {
            String departedOn = row.get("departed_on");
            RosterEntry employee = new RosterEntry(row.get("employee_id"), row.get("full_name"), row.get("department"),
                    row.get("role"), EmploymentStatus.valueOf(row.get("status")), LocalDate.parse(row.get("hired_on")),
                    departedOn.isEmpty() ? null : LocalDate.parse(departedOn));
            CoverageResult result = rule.evaluate(employee, requirements,
                    completions.getOrDefault(employee.employeeId(), List.of()), QUARTER);
            inScope += result.inScope() ? 1 : 0;
            covered += result.covered() ? 1 : 0;
        }

        assertThat(inScope).isBetween(1_800, 1_940);
        assertThat((double) covered / inScope).isBetween(0.90, 0.97);
    }

    @Test
    void onlyQuartersAreAccepted() {
        assertThatThrownBy(() -> TrainingSampleData.write(dir, Period.parse("2026-11"), TrainingSampleData.Sizes.demo(), 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-11");
    }

    private String firstLine(String file) throws IOException {
        try (var lines = Files.lines(dir.resolve(file))) {
            return lines.findFirst().orElseThrow();
        }
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = WITH_HEADER.parse(reader)) {
            return parser.getRecords();
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
