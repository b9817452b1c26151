package dev.custos.common.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.csv.CsvItemReader;
import dev.custos.common.csv.CsvLimits;
import dev.custos.common.csv.ParsedRow;

class RosterRowMapperTest {

    @TempDir
    Path inbox;

    @Test
    void employeeIdIsTrimmedAndUpperCasedAndTheRestKeptAsWritten() throws Exception {
        RosterCsv.roster()
                .line(" e1 ", "Ann Lee", "ann@example.com", "Sales", "Account Executive", "active", "2020-01-06", "")
                .writeTo(inbox);

        List<ParsedRow<RosterEntry>> rows = read();

        assertThat(rows).singleElement().isInstanceOfSatisfying(ParsedRow.Accepted.class, row -> assertThat(row.value())
                .isEqualTo(new RosterEntry("E1", "Ann Lee", "Sales", "Account Executive", EmploymentStatus.ACTIVE,
                        LocalDate.of(2020, 1, 6), null)));
    }

    @Test
    void malformedRowsAreRejectedWithTheirReason() throws Exception {
        RosterCsv.roster()
                .line("E1", "Ann", "a@x", "Sales", "Rep", "RETIRED", "2020-01-01", "")
                .line("E2", "Bob", "b@x", "Sales", "Rep", "ACTIVE", "2020-02-30", "")
                .line("", "Cy", "c@x", "Sales", "Rep", "ACTIVE", "2020-01-01", "")
                .line("E4", "Di", "d@x", "Sales", "Rep", "DEPARTED", "2020-01-01", "")
                .line("E5", "Ed", "e@x", "Sales", "Rep", "DEPARTED", "2020-01-01", "2019-12-31")
                .line("E6".repeat(33), "Flo", "f@x", "Sales", "Rep", "ACTIVE", "2020-01-01", "")
                .line("E7", "Gil", "g@x", "Sales", "", "ACTIVE", "2020-01-01", "")
                .writeTo(inbox);

        List<ParsedRow<RosterEntry>> rows = read();

        assertThat(rows).allMatch(row -> row instanceof ParsedRow.Rejected)
                .extracting(ParsedRow::line, row -> ((ParsedRow.Rejected<?>) row).reason())
                .containsExactly(
                        tuple(2L, "bad value in status: 'RETIRED' (expected one of ACTIVE, DEPARTED)"),
                        tuple(3L, "bad date in hired_on: '2020-02-30' (expected YYYY-MM-DD)"),
                        tuple(4L, "blank employee_id"),
                        tuple(5L, "status DEPARTED without departed_on"),
                        tuple(6L, "departed_on 2019-12-31 is before hired_on 2020-01-01"),
                        tuple(7L, "employee_id longer than 64 characters"),
                        tuple(8L, "blank role"));
    }

    @Test
    void nameOrEmailInACodedColumnIsRejectedNamingTheColumnNotTheValue() throws Exception {
        RosterCsv.roster()
                .line("E1", "Ann", "a@x", "Sales", "Rep", "Zyxwv Qwertyuiop", "2020-01-01", "")
                .line("E2", "Zyxwv Qwertyuiop", "zq.marker@example.com", "Sales", "Rep", "ACTIVE", "zq.marker@example.com", "")
                .line("E3", "Bob", "b@x", "Sales", "Rep", "DEPARTED", "2020-01-01", "Zyxwv Qwertyuiop")
                .line("E4", "Sales", "Rep", "c@x", "Rep", "Manager", "2020-01-01", "")
                .writeTo(inbox);

        List<ParsedRow<RosterEntry>> rows = read();

        assertThat(rows).extracting(ParsedRow::line, row -> ((ParsedRow.Rejected<?>) row).reason())
                .containsExactly(
                        tuple(2L, "bad value in status: value not shown (expected one of ACTIVE, DEPARTED)"),
                        tuple(3L, "bad date in hired_on: value not shown (expected YYYY-MM-DD)"),
                        tuple(4L, "bad date in departed_on: value not shown (expected YYYY-MM-DD)"),
                        tuple(5L, "bad value in status: 'Manager' (expected one of ACTIVE, DEPARTED)"));
    }

    @Test
    void departureDateWinsOverTheStatusColumn() {
        LocalDate end = LocalDate.of(2026, 10, 31);
        RosterEntry leavingOnLastDay = entry(EmploymentStatus.ACTIVE, end);
        RosterEntry leavingNextMonth = entry(EmploymentStatus.DEPARTED, end.plusDays(1));

        assertThat(leavingOnLastDay.departedBy(end)).isTrue();
        assertThat(leavingNextMonth.departedBy(end)).isFalse();
        assertThat(entry(EmploymentStatus.ACTIVE, null).departedBy(end)).isFalse();
    }

    private static RosterEntry entry(EmploymentStatus status, LocalDate departedOn) {
        return new RosterEntry("E1", "Ann", "Sales", "Rep", status, LocalDate.of(2020, 1, 1), departedOn);
    }

    private List<ParsedRow<RosterEntry>> read() throws Exception {
        CsvItemReader<RosterEntry> reader = RosterFile.reader(inbox, CsvLimits.DEFAULTS);
        reader.open(new ExecutionContext());
        try {
            List<ParsedRow<RosterEntry>> rows = new ArrayList<>();
            for (ParsedRow<RosterEntry> row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }
}
