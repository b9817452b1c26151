package dev.custos.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.InputFileException;

class CsvItemReaderTest {

    enum Status { ACTIVE, DEPARTED }

    record Person(String id, String name, Status status, LocalDate hiredOn, Optional<LocalDate> departedOn,
            Optional<Integer> score) {
    }

    private static final CsvLayout ROSTER =
            CsvLayout.of("roster.csv", "employee_id", "full_name", "status", "hired_on", "departed_on")
                    .withOptional("score");

    private static final CsvRowMapper<Person> PERSON = row -> new Person(
            row.id("employee_id"),
            row.required("full_name"),
            row.enumValue("status", Status.class),
            row.date("hired_on"),
            row.optionalDate("departed_on"),
            row.optionalInt("score", 0, 100));

    private static final String HEADER = "employee_id,full_name,status,hired_on,departed_on";

    @TempDir
    Path inbox;

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = (HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n").getBytes(StandardCharsets.UTF_8);
        Files.write(inbox.resolve("roster.csv"), concat(bom, text));
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(values(rows)).extracting(Person::id).containsExactly("E1");
        assertThat(reader.fileStats().get("roster.csv").bytes()).isEqualTo(bom.length + text.length);
    }

    @Test
    void crlfLineEndingsAreRead() throws IOException {
        write("roster.csv", HEADER + "\r\ne1,Ann,ACTIVE,2020-01-01,\r\ne2,Bob,DEPARTED,2020-01-01,2025-06-30\r\n");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L);
        assertThat(values(rows)).extracting(Person::name, Person::departedOn)
                .containsExactly(tuple("Ann", Optional.empty()), tuple("Bob", Optional.of(LocalDate.of(2025, 6, 30))));
    }

    @Test
    void lfLineEndingsAreReadAndTheLastLineNeedsNoLineBreak() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,Bob,ACTIVE,2020-01-01,");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 3L);
        assertThat(values(rows)).extracting(Person::id).containsExactly("E1", "E2");
    }

    @Test
    void quotedCommaStaysInOneField() throws IOException {
        write("roster.csv", HEADER + "\ne1,\"Doe, Jane\",ACTIVE,2020-01-01,\n");

        assertThat(values(readAll(reader()))).extracting(Person::name).containsExactly("Doe, Jane");
    }

    @Test
    void doubledQuotesBecomeOneQuote() throws IOException {
        write("roster.csv", HEADER + "\ne1,\"Jane \"\"JD\"\" Doe\",ACTIVE,2020-01-01,\n");

        assertThat(values(readAll(reader()))).extracting(Person::name).containsExactly("Jane \"JD\" Doe");
    }

    @Test
    void quotedLineBreakKeepsTheLineNumbersOfLaterRowsRight() throws IOException {
        write("roster.csv", HEADER + "\n"
                + "e1,\"Ann\nSecond line\r\nThird line\",ACTIVE,2020-01-01,\n"
                + "e2,Bob,ACTIVE,2020-01-01,\n"
                + "e3,Cy,ACTIVE,not-a-date,\n");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 5L, 6L);
        assertThat(values(rows)).extracting(Person::name).containsExactly("Ann\nSecond line\r\nThird line", "Bob");
        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::line).containsExactly(6L);
    }

    @Test
    void emptyLinesAreNeitherRowsNorRejectsAndDoNotShiftLineNumbers() throws IOException {
        write("roster.csv", "\n" + HEADER + "\n\ne1,Ann,ACTIVE,2020-01-01,\n   \n\ne2,Bob,ACTIVE,2020-01-01,\n\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rows).extracting(ParsedRow::line).containsExactly(4L, 7L);
        assertThat(reader.fileStats().get("roster.csv").rowsRead()).isEqualTo(2);
    }

    @Test
    void shortRowIsRejectedWithItsLineNumber() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,Bob,ACTIVE,2020-01-01\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).containsExactly(new ParsedRow.Rejected<>("roster.csv", 3, "expected 5 fields, found 4"));
        assertRowsAddUp(reader, rows, 1, 1);
    }

    @Test
    void longRowIsRejectedWithItsLineNumber() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,,extra\ne2,Bob,ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).containsExactly(new ParsedRow.Rejected<>("roster.csv", 2, "expected 5 fields, found 6"));
        assertRowsAddUp(reader, rows, 1, 1);
    }

    @Test
    void badDateIsRejectedQuotingTheValue() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2026-13-01,\ne2,Bob,ACTIVE,2026-02-30,\ne3,Cy,ACTIVE,2026-02-28,\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::reason).containsExactly(
                "bad date in hired_on: '2026-13-01' (expected YYYY-MM-DD)",
                "bad date in hired_on: '2026-02-30' (expected YYYY-MM-DD)");
        assertRowsAddUp(reader, rows, 1, 2);
    }

    @Test
    void datesAreAcceptedAndRejectedExactlyAsIsoLocalDateParsesThem() throws IOException {
        List<String> dates = List.of("2024-02-29", "2026-02-29", "2000-02-29", "1900-02-29", "2026-04-31", "2026-00-10",
                "2026-12-00", "0000-01-01", "9999-12-31", "+12026-01-01", "2026-1-01", "2026/01/01", "20260101",
                "2026-01-01T00:00", "２０２６-01-01", "2026-01-0a", "-2026-01-01", "2026-011-01");
        StringBuilder file = new StringBuilder(HEADER + "\n");
        for (int i = 0; i < dates.size(); i++) {
            file.append('e').append(i).append(",Ann,ACTIVE,").append(dates.get(i)).append(",\n");
        }
        write("roster.csv", file.toString());

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rows).hasSize(dates.size());
        for (int i = 0; i < dates.size(); i++) {
            String text = dates.get(i);
            Optional<LocalDate> parsed = isoLocalDate(text);
            if (parsed.isPresent()) {
                assertThat(rows.get(i)).as(text).isInstanceOfSatisfying(ParsedRow.Accepted.class,
                        accepted -> assertThat(((Person) accepted.value()).hiredOn()).isEqualTo(parsed.get()));
            } else {
                assertThat(rows.get(i)).as(text).isInstanceOfSatisfying(ParsedRow.Rejected.class,
                        rejected -> assertThat(rejected.reason()).startsWith("bad date in hired_on: ")
                                .endsWith(" (expected YYYY-MM-DD)"));
            }
        }
    }

    @Test
    void blankRequiredFieldIsRejectedNamingTheColumn() throws IOException {
        write("roster.csv", HEADER + "\n  ,Ann,ACTIVE,2020-01-01,\ne2,\"\",ACTIVE,2020-01-01,\ne3,Cy,ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).containsExactly(
                new ParsedRow.Rejected<>("roster.csv", 2, "blank employee_id"),
                new ParsedRow.Rejected<>("roster.csv", 3, "blank full_name"));
        assertRowsAddUp(reader, rows, 1, 2);
    }

    @Test
    void identifierLongerThanItsColumnIsRejectedInsteadOfFailingTheRun() throws IOException {
        String longest = "e".repeat(CsvRow.MAX_ID_LENGTH);
        write("roster.csv", HEADER + "\n" + longest + ",Ann,ACTIVE,2020-01-01,\n" + longest + "x,Bob,ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(values(rows)).extracting(Person::id).containsExactly(longest.toUpperCase());
        assertThat(rejects(rows)).containsExactly(
                new ParsedRow.Rejected<>("roster.csv", 3, "employee_id longer than 64 characters"));
        assertRowsAddUp(reader, rows, 1, 1);
    }

    @Test
    void enumValueIgnoresCaseAndSurroundingSpaces() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann, departed ,2020-01-01,2025-01-31\n");

        assertThat(values(readAll(reader()))).extracting(Person::status).containsExactly(Status.DEPARTED);
    }

    @Test
    void unknownEnumValueIsRejectedListingTheAllowedValues() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,GONE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::reason)
                .containsExactly("bad value in status: 'GONE' (expected one of ACTIVE, DEPARTED)");
        assertRowsAddUp(reader, rows, 0, 1);
    }

    @Test
    void optionalNumberOutsideItsRangeIsRejected() throws IOException {
        write("roster.csv", HEADER + ",score\ne1,Ann,ACTIVE,2020-01-01,,101\ne2,Bob,ACTIVE,2020-01-01,,abc\n"
                + "e3,Cy,ACTIVE,2020-01-01,,\ne4,Di,ACTIVE,2020-01-01,, 80 \n");
        CsvItemReader<Person> reader = reader();

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::reason).containsExactly(
                "bad number in score: '101' (expected a whole number from 0 to 100)",
                "bad number in score: value not shown (expected a whole number from 0 to 100)");
        assertThat(values(rows)).extracting(Person::score).containsExactly(Optional.empty(), Optional.of(80));
        assertRowsAddUp(reader, rows, 2, 2);
    }

    @Test
    void optionalColumnMissingFromTheHeaderReadsAsBlank() throws IOException {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n");

        assertThat(values(readAll(reader()))).extracting(Person::score).containsExactly(Optional.empty());
    }

    @Test
    void identifiersAreTrimmedAndUpperCased() throws IOException {
        write("roster.csv", HEADER + "\n  e1x ,Ann,ACTIVE,2020-01-01,\n");

        assertThat(values(readAll(reader()))).extracting(Person::id).containsExactly("E1X");
    }

    @Test
    void headerInAnotherOrderAndCaseWithSpacesAndExtraColumnsIsMatchedByName() throws IOException {
        write("roster.csv", " Hired_On ,STATUS,Employee_ID , cost_center,full_name,Departed_On\n"
                + "2020-01-01,ACTIVE,e1,CC-7,Ann,\n");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(values(rows)).containsExactly(new Person("E1", "Ann", Status.ACTIVE, LocalDate.of(2020, 1, 1),
                Optional.empty(), Optional.empty()));
    }

    @Test
    void missingHeaderColumnFailsNamingTheFileAndTheColumn() throws IOException {
        write("roster.csv", "employee_id,full_name,status,hired,departed_on\ne1,Ann,ACTIVE,2020-01-01,\n");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: header lacks column 'hired_on' "
                        + "(required: employee_id,full_name,status,hired_on,departed_on; the header has 5 columns)");
    }

    @Test
    void severalMissingHeaderColumnsAreNamedTogether() throws IOException {
        write("roster.csv", "employee_id,full_name,status\n");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: header lacks columns 'hired_on', 'departed_on' "
                        + "(required: employee_id,full_name,status,hired_on,departed_on; the header has 3 columns)");
    }

    @Test
    void fileWithoutItsHeaderRowFailsSayingSoWithoutQuotingTheFirstRow() throws IOException {
        write("roster.csv", "E000001,Zyxwv Qwertyuiop,ACTIVE,2020-01-01,\nE000002,zq.marker@example.com,ACTIVE,2020-01-01,\n");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: header lacks columns 'employee_id', 'full_name', 'status', 'hired_on', "
                        + "'departed_on' (required: employee_id,full_name,status,hired_on,departed_on; the first row "
                        + "names none of the file's columns, so it does not look like a header: export the file with "
                        + "its header row)");
    }

    @Test
    void repeatedHeaderColumnFails() throws IOException {
        write("roster.csv", HEADER + ",Employee_Id\n");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: header has column 'employee_id' twice");
    }

    @Test
    void missingFileFailsNamingTheFileAndTheInbox() {
        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv not found in " + inbox.toAbsolutePath());
    }

    @Test
    void emptyFileFailsForLackOfAHeaderRow() throws IOException {
        write("roster.csv", "");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: no header row");
    }

    @Test
    void unterminatedQuoteFailsNamingTheFileAndTheLineItStartsOn() throws Exception {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,\"Bob,ACTIVE,2020-01-01,\ne3,Cy,ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);
        assertThatThrownBy(reader::read)
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster.csv: cannot read the record starting at line 3: ");
        reader.close();
    }

    @Test
    void invalidUtf8FailsNamingTheFileAndTheLine() throws Exception {
        byte[] latin1 = (HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,Zoë,ACTIVE,2020-01-01,\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(inbox.resolve("roster.csv"), latin1);
        CsvItemReader<Person> reader = reader();
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);

        assertThatThrownBy(reader::read)
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: not valid UTF-8 in the record starting at line 3 (export the file as UTF-8)");
        reader.close();
    }

    @Test
    void fileThatIsNotTheExportFailsWithoutItsFirstLineInTheMessage() throws IOException {
        write("roster.csv", "root:$6$saltsalt$hashedpassword:19000:0:99999:7:::\n");

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster.csv: header lacks columns 'employee_id', 'full_name'")
                .hasMessageContaining("does not look like a header")
                .hasMessageNotContaining("root")
                .hasMessageNotContaining("hashedpassword");
    }

    @Test
    void symbolicLinkToAFileOutsideTheInboxIsRefusedNamingTheFile(@TempDir Path elsewhere) throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("shadow"), HEADER + "\nroot,secret,ACTIVE,2020-01-01,\n");
        Files.createSymbolicLink(inbox.resolve("roster.csv"), secret);

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv in " + inbox.toAbsolutePath() + " is a symbolic link; input files must be"
                        + " regular files in the inbox (links are not followed): copy the file itself there");
    }

    @Test
    void symbolicLinkMatchingAGlobIsRefusedRatherThanSkipped(@TempDir Path elsewhere) throws IOException {
        write("roster_a.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n");
        Path other = Files.writeString(elsewhere.resolve("other.csv"), HEADER + "\ne2,Bob,ACTIVE,2020-01-01,\n");
        Files.createSymbolicLink(inbox.resolve("roster_b.csv"), other);

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS)
                .open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster_b.csv in " + inbox.toAbsolutePath() + " is a symbolic link");
    }

    @Test
    @Timeout(30)
    void namedPipeUnderTheFilesNameIsRefusedWithoutWaitingForAWriter() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", inbox.resolve("roster.csv").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv in " + inbox.toAbsolutePath() + " is not a regular file (a pipe, device or"
                        + " socket); input files must be regular files in the inbox");
    }

    @Test
    void directoryNamedLikeTheFileIsRefused() throws IOException {
        Files.createDirectory(inbox.resolve("roster.csv"));

        assertThatThrownBy(() -> reader().open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv in " + inbox.toAbsolutePath() + " is a directory, not a file: put the export"
                        + " itself there");
    }

    @Test
    void fileSwappedForALinkAfterTheHeaderCheckIsNotFollowed(@TempDir Path elsewhere) throws Exception {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = reader();
        reader.open(new ExecutionContext());
        Path secret = Files.writeString(elsewhere.resolve("shadow"), HEADER + "\nroot,secret,ACTIVE,2020-01-01,\n");
        Files.delete(inbox.resolve("roster.csv"));
        Files.createSymbolicLink(inbox.resolve("roster.csv"), secret);

        assertThatThrownBy(reader::read)
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("roster.csv in " + inbox.toAbsolutePath() + " is a symbolic link");
        reader.close();
    }

    @Test
    void valueLongerThanACodedValueIsNamedByItsColumnNotQuoted() throws IOException {
        String longDate = "2020-01-01" + "1".repeat(200);
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE," + longDate + ",\n");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::reason)
                .containsExactly("bad date in hired_on: value not shown (expected YYYY-MM-DD)");
    }

    @Test
    void shiftedColumnsPutNoNameOrEmailIntoTheRejectReasons() throws IOException {
        write("roster.csv", HEADER + "\ne1,ACTIVE,Zyxwv Qwertyuiop,zq.marker@example.com,\n"
                + "e2,Ann,zq.marker@example.com,2020-01-01,\n");

        List<ParsedRow<Person>> rows = readAll(reader());

        assertThat(rejects(rows)).extracting(ParsedRow.Rejected::reason).containsExactly(
                "bad value in status: value not shown (expected one of ACTIVE, DEPARTED)",
                "bad value in status: value not shown (expected one of ACTIVE, DEPARTED)");
    }

    @Test
    void fieldLongerThanTheLimitRejectsItsRowNamingLineAndColumn() throws IOException {
        write("roster.csv", HEADER + ",note\ne1,Ann,ACTIVE,2020-01-01,,\ne2," + "B".repeat(101)
                + ",ACTIVE,2020-01-01,,\ne3,Cy,ACTIVE,2020-01-01,," + "n".repeat(101) + "\ne4,Di,ACTIVE,2020-01-01,,\n");
        CsvItemReader<Person> reader = new CsvItemReader<>(inbox, ROSTER, PERSON, new CsvLimits(100, 1000));

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rejects(rows)).extracting(ParsedRow::line, ParsedRow.Rejected::reason).containsExactly(
                tuple(3L, "full_name longer than 100 characters (custos.csv.max-field-chars)"),
                tuple(4L, "column 6 longer than 100 characters (custos.csv.max-field-chars)"));
        assertRowsAddUp(reader, rows, 2, 2);
    }

    @Test
    void recordLongerThanTheLimitFailsTheFileNamingItsLine() throws Exception {
        write("roster.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,\"" + "B\n".repeat(200_000)
                + "\",ACTIVE,2020-01-01,\n");
        CsvItemReader<Person> reader = new CsvItemReader<>(inbox, ROSTER, PERSON, new CsvLimits(100, 1000));
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);
        assertThatThrownBy(reader::read)
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: the record starting at line 3 is longer than 1000 characters"
                        + " (custos.csv.max-record-chars); the file cannot be read on from there: export it again,"
                        + " or raise the limit");
        reader.close();
    }

    @Test
    void recordJustOverTheLimitFailsAndOneAtTheLimitIsRead() throws Exception {
        String atLimit = "e1," + "A".repeat(1000 - "e1,,ACTIVE,2020-01-01,".length()) + ",ACTIVE,2020-01-01,";
        assertThat(atLimit).hasSize(1000);
        write("roster.csv", HEADER + "\n" + atLimit + "\ne2,Bob,ACTIVE,2020-01-01," + "x".repeat(997) + "\n");
        CsvItemReader<Person> reader = new CsvItemReader<>(inbox, ROSTER, PERSON, new CsvLimits(1000, 1000));
        reader.open(new ExecutionContext());

        assertThat(reader.read()).isInstanceOf(ParsedRow.Accepted.class);
        assertThatThrownBy(reader::read)
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster.csv: the record starting at line 3 is longer than 1000 characters");
        reader.close();
    }

    @Test
    void headerLongerThanTheLimitFailsNamingTheHeaderRow() throws IOException {
        write("roster.csv", HEADER + "," + "x".repeat(50_000) + "\ne1,Ann,ACTIVE,2020-01-01,,\n");

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, ROSTER, PERSON, new CsvLimits(100, 1000))
                .open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster.csv: the header row starting at line 1 is longer than 1000 characters"
                        + " (custos.csv.max-record-chars)");
    }

    @Test
    void headerColumnNameLongerThanTheFieldLimitFailsNamingTheHeaderRow() throws IOException {
        write("roster.csv", HEADER + "," + "x".repeat(101) + "\ne1,Ann,ACTIVE,2020-01-01,,\n");

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, ROSTER, PERSON, new CsvLimits(100, 1000))
                .open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("roster.csv: the header row (line 1) has a column name longer than 100 characters"
                        + " (custos.csv.max-field-chars)");
    }

    @Test
    void globReadsEveryMatchingFileInSortedNameOrderWithStatsPerFile() throws IOException {
        String b = HEADER + "\ne3,Cy,ACTIVE,2020-01-01,\ne4,Di,ACTIVE,2020-01-01,\n";
        String a = HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,Bob,ACTIVE,bad,\n";
        write("roster_b.csv", b);
        write("roster_a.csv", a);
        write("other.csv", "not,a,roster\n");
        CsvItemReader<Person> reader = new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS);

        List<ParsedRow<Person>> rows = readAll(reader);

        assertThat(rows).extracting(ParsedRow::file, ParsedRow::line).containsExactly(
                tuple("roster_a.csv", 2L), tuple("roster_a.csv", 3L), tuple("roster_b.csv", 2L), tuple("roster_b.csv", 3L));
        assertThat(reader.fileStats()).containsExactly(
                entry("roster_a.csv", new FileStats("roster_a.csv", a.length(), sha256(a), 2)),
                entry("roster_b.csv", new FileStats("roster_b.csv", b.length(), sha256(b), 2)));
        assertRowsAddUp(reader, rows, 3, 1);
    }

    @Test
    void globMatchingNoFileFailsNamingTheGlobAndTheInbox() throws IOException {
        write("other.csv", HEADER + "\n");

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS).open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessage("no roster_*.csv in " + inbox.toAbsolutePath());
    }

    @Test
    void everyFilesHeaderIsCheckedBeforeTheFirstRowIsRead() throws IOException {
        write("roster_a.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n");
        write("roster_b.csv", "employee_id,full_name\n");

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS).open(new ExecutionContext()))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster_b.csv: header lacks columns 'status', 'hired_on', 'departed_on'");
    }

    @Test
    void restartContinuesAtTheFirstUncommittedItemAndStatsStillCoverWholeFiles() throws Exception {
        String a = HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\ne2,Bob,ACTIVE,bad,\n";
        String b = HEADER + "\ne3,Cy,ACTIVE,2020-01-01,\ne4,Di,ACTIVE,2020-01-01,\ne5,Ed,ACTIVE,2020-01-01,\n";
        write("roster_a.csv", a);
        write("roster_b.csv", b);
        ExecutionContext context = new ExecutionContext();

        CsvItemReader<Person> first = new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS);
        first.open(context);
        for (int i = 0; i < 3; i++) {
            first.read();
        }
        first.update(context);
        first.close();

        CsvItemReader<Person> restarted = new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS);
        List<ParsedRow<Person>> rest = readAll(restarted, context);

        assertThat(rest).extracting(ParsedRow::file, ParsedRow::line)
                .containsExactly(tuple("roster_b.csv", 3L), tuple("roster_b.csv", 4L));
        assertThat(values(rest)).extracting(Person::id).containsExactly("E4", "E5");
        assertThat(restarted.fileStats()).containsExactly(
                entry("roster_a.csv", new FileStats("roster_a.csv", a.length(), sha256(a), 2)),
                entry("roster_b.csv", new FileStats("roster_b.csv", b.length(), sha256(b), 3)));
    }

    @Test
    void fileStatsAreSavedInTheExecutionContext() throws IOException {
        String a = HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n";
        write("roster.csv", a);
        ExecutionContext context = new ExecutionContext();
        CsvItemReader<Person> reader = reader();

        readAll(reader, context);
        reader.update(context);

        assertThat(context.getInt("roster.csv.files")).isEqualTo(1);
        assertThat(context.getString("roster.csv.files.0.name")).isEqualTo("roster.csv");
        assertThat(context.getLong("roster.csv.files.0.bytes")).isEqualTo(a.length());
        assertThat(context.getString("roster.csv.files.0.sha256")).isEqualTo(sha256(a));
        assertThat(context.getLong("roster.csv.files.0.rows")).isEqualTo(1);
    }

    @Test
    void restartFailsWhenAFileReadBeforeHasChanged() throws Exception {
        write("roster_a.csv", HEADER + "\ne1,Ann,ACTIVE,2020-01-01,\n");
        write("roster_b.csv", HEADER + "\ne2,Bob,ACTIVE,2020-01-01,\ne3,Cy,ACTIVE,2020-01-01,\n");
        ExecutionContext context = new ExecutionContext();
        CsvItemReader<Person> first = new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS);
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();
        write("roster_a.csv", HEADER + "\ne1,Anne,ACTIVE,2020-01-01,\n");

        assertThatThrownBy(() -> new CsvItemReader<>(inbox, "roster_*.csv", ROSTER, PERSON, CsvLimits.DEFAULTS).open(context))
                .isInstanceOf(InputFileException.class)
                .hasMessageStartingWith("roster_a.csv changed since the interrupted run");
    }

    private static Optional<LocalDate> isoLocalDate(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private CsvItemReader<Person> reader() {
        return new CsvItemReader<>(inbox, ROSTER, PERSON, CsvLimits.DEFAULTS);
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(inbox.resolve(file), text, StandardCharsets.UTF_8);
    }

    private static <T> List<ParsedRow<T>> readAll(CsvItemReader<T> reader) {
        return readAll(reader, new ExecutionContext());
    }

    private static <T> List<ParsedRow<T>> readAll(CsvItemReader<T> reader, ExecutionContext context) {
        reader.open(context);
        try {
            List<ParsedRow<T>> rows = new ArrayList<>();
            for (ParsedRow<T> row = read(reader); row != null; row = read(reader)) {
                rows.add(row);
            }
            return rows;
        } finally {
            reader.close();
        }
    }

    private static <T> ParsedRow<T> read(CsvItemReader<T> reader) {
        try {
            return reader.read();
        } catch (Exception e) {
            throw new AssertionError("read failed", e);
        }
    }

    private static <T> List<T> values(List<ParsedRow<T>> rows) {
        return rows.stream()
                .filter(row -> row instanceof ParsedRow.Accepted<T>)
                .map(row -> ((ParsedRow.Accepted<T>) row).value())
                .toList();
    }

    private static <T> List<ParsedRow.Rejected<T>> rejects(List<ParsedRow<T>> rows) {
        return rows.stream()
                .filter(row -> row instanceof ParsedRow.Rejected<T>)
                .map(row -> (ParsedRow.Rejected<T>) row)
                .toList();
    }

    /** Rows read (as the file statistics count them) = rows accepted + rows rejected. */
    private static <T> void assertRowsAddUp(CsvItemReader<T> reader, List<ParsedRow<T>> rows, int accepted, int rejected) {
        long rowsRead = reader.fileStats().values().stream().mapToLong(FileStats::rowsRead).sum();
        assertThat(values(rows)).hasSize(accepted);
        assertThat(rejects(rows)).hasSize(rejected);
        assertThat(rowsRead).isEqualTo(accepted + rejected);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
