package dev.custos.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFileWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "\t=1+1", "\r=1+1", "\0=1+1"})
    void textCellStartingAFormulaIsWrittenAsTextInAFileForPeople(String formula) throws IOException {
        Path file = dir.resolve("people.csv");
        try (CsvFileWriter csv = CsvFileWriter.forPeople(file, "employee_id", "full_name")) {
            csv.row(formula, "Ann " + formula);
        }

        CSVRecord record = records(file).get(0);

        assertThat(record.get(0)).as("RFC 4180 reads back the quoted text").isEqualTo("'" + formula);
        assertThat(record.get(1)).as("only the start of a cell makes a formula").isEqualTo("Ann " + formula);
    }

    @Test
    void numbersInAFileForPeopleKeepTheirSign() throws IOException {
        Path file = dir.resolve("people.csv");
        try (CsvFileWriter csv = CsvFileWriter.forPeople(file, "department", "in_scope", "change", "coverage")) {
            csv.row("Sales", 3L, -2, -0.25);
        }

        assertThat(Files.readAllLines(file)).containsExactly("department,in_scope,change,coverage", "Sales,3,-2,-0.25");
    }

    @Test
    void textThatNeedsQuotingStaysValidRfc4180OnceNeutralised() throws IOException {
        Path file = dir.resolve("people.csv");
        String formula = "=HYPERLINK(\"http://evil\",\"x\")";
        try (CsvFileWriter csv = CsvFileWriter.forPeople(file, "permission")) {
            csv.row(formula);
        }

        assertThat(Files.readAllLines(file)).containsExactly("permission", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    }

    @Test
    void fileForMachinesKeepsEveryValueAsItIs() throws IOException {
        Path file = dir.resolve("machines.csv");
        try (CsvFileWriter csv = new CsvFileWriter(file, "name", "value")) {
            csv.row("=1+1", "-2+3");
        }

        assertThat(Files.readAllLines(file)).containsExactly("name,value", "=1+1,-2+3");
    }

    @Test
    void harmlessTextAndEmptyCellsAreUnchanged() throws IOException {
        Path file = dir.resolve("people.csv");
        try (CsvFileWriter csv = CsvFileWriter.forPeople(file, "a", "b", "c")) {
            csv.row("E1", "", "a=b");
        }

        assertThat(Files.readAllLines(file)).containsExactly("a,b,c", "E1,,a=b");
    }

    private static List<CSVRecord> records(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            return parser.getRecords();
        }
    }
}
