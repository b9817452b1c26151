package dev.custos.jobs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupSettings;

/**
 * The sample check compares archived rows with the source on MariaDB: fed the fields a defective
 * codec would have written (the issue's {@code .73000}, a 6-digit float, text in another case, NULL
 * for an empty string), it names the table's row and column; fed the fields as the backup writes
 * them, it finds nothing. And the sampler picks the first, the last and random rows across parts.
 */
class SampleCheckTest {

    private static final TestDatabase DATABASE = TestDatabase.create(SampleCheckTest.class);
    private static final String TABLE = "sampled";
    private static final TableDefinition DEFINITION = new TableDefinition("db", DATABASE.name(), TABLE,
            TableDefinition.FORMAT, List.of(
                    column("id", "INTEGER", "int(11)"),
                    column("at", "TIMESTAMP", "datetime(3)"),
                    column("ratio", "REAL", "float"),
                    column("amount", "DECIMAL", "decimal(65,30)"),
                    column("name", "VARCHAR", "varchar(20)"),
                    column("bits", "BIT", "bit(64)"),
                    column("photo", "VARBINARY", "varbinary(8)")),
            List.of("id"), List.of("id"));
    private static final String[] AS_WRITTEN = {"1", "2026-11-24 08:55:07.073", "3.4028234663852886e38",
        "-0.000000000000000000000000000001", "", "18446744073709551615", null};

    private static DataSource dataSource;

    @BeforeAll
    static void sourceTable() throws SQLException {
        dataSource = BackupSettings.dataSource(DATABASE);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, at DATETIME(3), ratio FLOAT,"
                    + " amount DECIMAL(65,30), name VARCHAR(20) COLLATE utf8mb4_general_ci, bits BIT(64),"
                    + " photo VARBINARY(8)) CHARACTER SET utf8mb4");
            statement.execute("INSERT INTO " + TABLE + " VALUES (1, '2026-11-24 08:55:07.073', 3.4028234663852886e38,"
                    + " -0.000000000000000000000000000001, '', 18446744073709551615, NULL),"
                    + " (2, NULL, NULL, NULL, 'Ann', 0, x'00ff')");
            statement.execute("CREATE TABLE keyless (at DATETIME(3), name VARCHAR(20))");
            statement.execute("INSERT INTO keyless VALUES ('2026-11-24 08:55:07.073', 'b'), ('2026-11-24 08:55:07.073', 'a')");
        }
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void fieldsAsTheBackupWritesThemMatchTheSource() throws SQLException {
        assertThat(compare(1, AS_WRITTEN)).isEmpty();
        assertThat(compare(2, "2", null, null, null, "Ann", "0", new String(new byte[] {0, (byte) 0xff},
                StandardCharsets.ISO_8859_1))).isEmpty();
    }

    @Test
    void aFractionThatLostItsLeadingZeroIsAMismatchNamingRowAndColumn() throws SQLException {
        Optional<SampleCheck.Mismatch> mismatch = compare(1, with(1, "2026-11-24 08:55:07.73000"));

        assertThat(mismatch).contains(new SampleCheck.Mismatch(1, "at",
                "does not read back from the archive as the source holds it"));
    }

    @Test
    void aFloatWithTheDriversSixDigitsIsAMismatch() throws SQLException {
        assertThat(compare(1, with(2, "3.40282e38"))).map(SampleCheck.Mismatch::column).contains("ratio");
    }

    @Test
    void aDecimalDifferingInItsLastDigitIsAMismatchThoughEqualAsADouble() throws SQLException {
        assertThat(compare(1, with(3, "-0.000000000000000000000000000002"))).map(SampleCheck.Mismatch::column)
                .contains("amount");
    }

    @Test
    void nullForAnEmptyStringIsAMismatch() throws SQLException {
        assertThat(compare(1, with(4, null))).map(SampleCheck.Mismatch::column).contains("name");
    }

    @Test
    void theTextNullForNullIsAMismatch() throws SQLException {
        assertThat(compare(1, with(6, "NULL"))).map(SampleCheck.Mismatch::column).contains("photo");
    }

    @Test
    void textInAnotherCaseIsAMismatchThoughTheCollationCallsItEqual() throws SQLException {
        assertThat(compare(2, "2", null, null, null, "ANN", "0", new String(new byte[] {0, (byte) 0xff},
                StandardCharsets.ISO_8859_1))).map(SampleCheck.Mismatch::column).contains("name");
    }

    @Test
    void bit64AsTheDriversTextIsAMismatch() throws SQLException {
        assertThat(compare(1, with(5, "18446744073709551614"))).map(SampleCheck.Mismatch::column).contains("bits");
    }

    @Test
    void aKeyNoSourceRowHasIsAMismatchOfTheRow() throws SQLException {
        Optional<SampleCheck.Mismatch> mismatch = compare(7, with(0, "3"));

        assertThat(mismatch).hasValueSatisfying(m -> {
            assertThat(m.row()).isEqualTo(7);
            assertThat(m.column()).isNull();
            assertThat(m.problem()).isEqualTo("has a primary key (id) that no source row has");
        });
    }

    @Test
    void aTableWithoutPrimaryKeyIsComparedAtTheRowsPositionInBackupOrder() throws SQLException {
        TableDefinition keyless = new TableDefinition("db", DATABASE.name(), "keyless", TableDefinition.FORMAT,
                List.of(column("at", "TIMESTAMP", "datetime(3)"), column("name", "VARCHAR", "varchar(20)")),
                List.of(), List.of("at", "name"));
        try (Connection connection = dataSource.getConnection()) {
            SampleCheck check = new SampleCheck(connection, keyless, true, name -> "`" + name + "`",
                    "`" + DATABASE.name() + "`.`keyless`");

            assertThat(check.compare(1, fields("2026-11-24 08:55:07.073", "a"))).isEmpty();
            assertThat(check.compare(2, fields("2026-11-24 08:55:07.073", "a"))).map(SampleCheck.Mismatch::column)
                    .contains("name");
            assertThat(check.compare(3, fields("2026-11-24 08:55:07.073", "a")))
                    .map(SampleCheck.Mismatch::problem).contains("is not in the source table at its position");
        }
    }

    @Test
    void theSamplerTakesTheFirstTheLastAndRandomRowsAcrossParts() throws Exception {
        TsvPart part = new TsvPart(256, List.of("n"));
        SampleCheck.Sampler sampler = new SampleCheck.Sampler(5, new Random(3));
        List<Long> lastOfParts = new ArrayList<>();
        for (int n = 1; n <= 1000; n++) {
            int start = part.size();
            part.text("row " + n);
            part.endRow();
            sampler.written(part, start);
            if (part.size() >= 200 && n < 1000) {
                sampler.partFull(part);
                lastOfParts.add((long) n);
                part.restart();
            }
        }

        List<SampleCheck.SampledRow> sample = sampler.finish(part);

        assertThat(lastOfParts).as("the rows span several parts").hasSizeGreaterThan(10);
        assertThat(sample).extracting(SampleCheck.SampledRow::number).hasSize(5).startsWith(1L).endsWith(1000L)
                .isSorted().doesNotHaveDuplicates();
        assertThat(sample).allSatisfy(row -> assertThat(new String(row.line(), StandardCharsets.UTF_8))
                .isEqualTo("row " + row.number() + "\n"));
    }

    @Test
    void theSamplerTakesEveryRowOfASmallTableAndTheFirstAloneWhenToldOne() {
        assertThat(sample(3, 10)).containsExactly(1L, 2L, 3L);
        assertThat(sample(1, 10)).containsExactly(1L);
        assertThat(sample(5, 1)).containsExactly(1L);
        assertThat(sample(10, 2)).containsExactly(1L, 10L);
        assertThat(sample(0, 5)).isEmpty();
    }

    /** The numbers of the rows sampled from a table of {@code rows} rows, asked for {@code size}. */
    private static List<Long> sample(int rows, int size) {
        TsvPart part = new TsvPart(64, List.of("n"));
        SampleCheck.Sampler sampler = new SampleCheck.Sampler(size, new Random(1));
        for (int n = 1; n <= rows; n++) {
            int start = part.size();
            part.text(String.valueOf(n));
            part.endRow();
            sampler.written(part, start);
        }
        return sampler.finish(part).stream().map(SampleCheck.SampledRow::number).toList();
    }

    private static Optional<SampleCheck.Mismatch> compare(long row, String... values) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new SampleCheck(connection, DEFINITION, true, name -> "`" + name + "`",
                    "`" + DATABASE.name() + "`.`" + TABLE + "`").compare(row, fields(values));
        }
    }

    private static String[] with(int index, String value) {
        String[] values = Arrays.copyOf(AS_WRITTEN, AS_WRITTEN.length);
        values[index] = value;
        return values;
    }

    /** Fields as a part holds them decoded: ISO-8859-1 here so that any byte passes through. */
    private static List<byte[]> fields(String... values) {
        List<byte[]> fields = new ArrayList<>();
        for (String value : values) {
            fields.add(value == null ? null : value.getBytes(StandardCharsets.ISO_8859_1));
        }
        return fields;
    }

    private static TableDefinition.Column column(String name, String jdbcType, String columnType) {
        return new TableDefinition.Column(name, jdbcType, columnType.replaceAll("\\(.*", "").toUpperCase(), 0, 0,
                !name.equals("id"), null, columnType);
    }
}
