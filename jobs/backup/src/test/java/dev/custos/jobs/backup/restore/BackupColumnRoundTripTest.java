package dev.custos.jobs.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.unit.DataSize;

import dev.custos.common.store.BlobStore;
import dev.custos.common.store.LocalDirBlobStore;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupProperties;
import dev.custos.jobs.backup.BackupSettings;
import dev.custos.jobs.backup.BackupWriter;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.Classification;
import dev.custos.jobs.backup.source.TableLoader;

/**
 * Every MariaDB column type comes back from a backup exactly as it was: a table with a column of
 * every type, filled with edge cases and with values generated from a seed, is backed up, restored
 * into a schema as {@code custos backup restore --into-schema} and the drill do, and compared with
 * the source on the server, column by column, as values ({@code <=>}) and as their bytes
 * ({@code CAST(... AS BINARY)}): the comparison does not go through the backup's own codec. The
 * backup's sample check sees every row and finds no difference either.
 */
class BackupColumnRoundTripTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    private static final TestDatabase DATABASE = TestDatabase.create(BackupColumnRoundTripTest.class);
    private static final int GENERATED_ROWS = 80;
    private static final String[] TEXT_PIECES = {"a", "Z", " ", "\t", "\n", "\r", "\\", "\\N", "NULL", "N", "'",
        "\"", "é", "ß", "€", "🙂", "𝄞", "漢", ",", "\u0001"};
    private static final List<String> ENUM = List.of("a", "b", "it's", "NULL");
    private static final List<String> SET = List.of("x", "y", "z");

    private static final int EVERY_ROW = 1_000;
    private static DataSource dataSource;
    /** Rows the last backup's sample check compared. */
    private long sampled;

    @TempDir
    Path dir;

    /** Column name and type, in table order; {@code id} first. */
    private static final List<String[]> COLUMNS = columns();

    private static List<String[]> columns() {
        List<String[]> columns = new ArrayList<>();
        columns.add(new String[] {"id", "INT NOT NULL PRIMARY KEY"});
        for (int p = 0; p <= 6; p++) {
            columns.add(new String[] {"dt" + p, "DATETIME(" + p + ") NULL"});
            columns.add(new String[] {"ts" + p, "TIMESTAMP(" + p + ") NULL DEFAULT NULL"});
            columns.add(new String[] {"tm" + p, "TIME(" + p + ") NULL"});
        }
        columns.add(new String[] {"d", "DATE NULL"});
        columns.add(new String[] {"y", "YEAR NULL"});
        columns.add(new String[] {"dec_wide", "DECIMAL(65,30) NULL"});
        columns.add(new String[] {"dec_int", "DECIMAL(38,0) NULL"});
        columns.add(new String[] {"dec_frac", "DECIMAL(5,5) NULL"});
        columns.add(new String[] {"dbl", "DOUBLE NULL"});
        columns.add(new String[] {"flt", "FLOAT NULL"});
        columns.add(new String[] {"big", "BIGINT NULL"});
        columns.add(new String[] {"ubig", "BIGINT UNSIGNED NULL"});
        columns.add(new String[] {"tiny1", "TINYINT(1) NULL"});
        columns.add(new String[] {"utiny", "TINYINT UNSIGNED NULL"});
        columns.add(new String[] {"b1", "BIT(1) NULL"});
        columns.add(new String[] {"b64", "BIT(64) NULL"});
        columns.add(new String[] {"bin", "BINARY(8) NULL"});
        columns.add(new String[] {"vbin", "VARBINARY(64) NULL"});
        columns.add(new String[] {"blb", "BLOB NULL"});
        columns.add(new String[] {"js", "JSON NULL"});
        columns.add(new String[] {"en", "ENUM('a','b','it''s','NULL') NULL"});
        columns.add(new String[] {"st", "SET('x','y','z') NULL"});
        columns.add(new String[] {"txt", "TEXT CHARACTER SET utf8mb4 NULL"});
        columns.add(new String[] {"vc", "VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL"});
        columns.add(new String[] {"ch", "CHAR(10) CHARACTER SET utf8mb4 NULL"});
        return List.copyOf(columns);
    }

    @BeforeAll
    static void connect() {
        dataSource = BackupSettings.dataSource(DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    static Stream<Long> seeds() {
        return Stream.of(1L, 7L, 42L, 20261124L, 0x5eedL);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyColumnTypeRestoresValueForValue(long seed) throws Exception {
        String table = "every_type_" + seed;
        createTable(table);
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(edgeRows());
        IntStream.range(0, GENERATED_ROWS).forEach(i -> rows.add(generatedRow(random)));
        insert(table, rows);
        String scratch = DATABASE.name() + "_r" + seed;

        try {
            BackupRestorer.Restored restored = backUpAndRestore(table, scratch);

            assertThat(restored.rows()).isEqualTo(rows.size());
            assertThat(sampled).isEqualTo(rows.size());
            assertThat(mismatches(DATABASE.name() + "." + table, scratch + "." + table)).isEmpty();
        } finally {
            new TableLoader(dataSource, scratch).dropSchema();
        }
    }

    @Test
    void aDatetimeFractionUnder100MillisecondsKeepsItsLeadingZero() throws Exception {
        String table = "issue_fraction";
        try (Connection connection = utcConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, at DATETIME(3) NOT NULL,"
                    + " stamped TIMESTAMP(3) NULL DEFAULT NULL)");
            statement.execute("INSERT INTO " + table + " VALUES (1, '2026-11-24 08:55:07.073',"
                    + " '2026-11-24 08:55:07.073')");
        }
        String scratch = DATABASE.name() + "_issue";
        try {
            backUpAndRestore(table, scratch);

            assertThat(Files.readString(dir.resolve("restored/tables/db/" + table + "/part-00001.tsv")))
                    .isEqualTo("id\tat\tstamped\n1\t2026-11-24 08:55:07.073\t2026-11-24 08:55:07.073\n");
            try (Connection connection = utcConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT CAST(at AS CHAR), CAST(stamped AS CHAR) FROM "
                         + scratch + "." + table)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2026-11-24 08:55:07.073");
                assertThat(rs.getString(2)).isEqualTo("2026-11-24 08:55:07.073");
            }
        } finally {
            new TableLoader(dataSource, scratch).dropSchema();
        }
    }

    private BackupRestorer.Restored backUpAndRestore(String table, String scratch) {
        BlobStore store = new LocalDirBlobStore(dir.resolve("store"));
        BackupProperties defaults = BackupSettings.properties(DataSize.ofKilobytes(8),
                BackupSettings.tables("db", Classification.CONFIDENTIAL, DATABASE.name(), table));
        // every row through the sample check too: it must find no difference where there is none
        BackupProperties properties = new BackupProperties(defaults.sources(), null, null, defaults.partSize(),
                defaults.compressionLevel(), defaults.retry(), defaults.retention(), EVERY_ROW);
        BackupManifest manifest = new BackupWriter(store, properties, dataSource, Clock.systemUTC())
                .write(DAY, 1, dir.resolve("inbox"), Optional.empty());
        sampled = manifest.sources().get(0).rowsSampled();
        return new BackupRestorer(store, Optional.empty()).restore(manifest, dir.resolve("restored"),
                Optional.of(new BackupRestorer.IntoSchema(dataSource, scratch)));
    }

    /** For every column, the ids of the rows whose restored value differs from the source's (or is missing). */
    private static List<String> mismatches(String source, String restored) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = utcConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM " + source + ") - (SELECT COUNT(*)"
                    + " FROM " + restored + ")")) {
                rs.next();
                if (rs.getLong(1) != 0) {
                    mismatches.add("row counts differ by " + rs.getLong(1));
                }
            }
            for (String[] column : COLUMNS) {
                String c = column[0];
                String sql = "SELECT s.id FROM " + source + " s LEFT JOIN " + restored + " r ON r.id = s.id WHERE NOT ("
                        + "(s." + c + " <=> r." + c + ") AND (CAST(s." + c + " AS BINARY) <=> CAST(r." + c
                        + " AS BINARY))) ORDER BY s.id";
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(sql)) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                if (!ids.isEmpty()) {
                    mismatches.add(c + " differs in rows " + ids);
                }
            }
        }
        return mismatches;
    }

    private static Connection utcConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        return connection;
    }

    private static void createTable(String table) throws SQLException {
        List<String> definitions = COLUMNS.stream().map(c -> c[0] + " " + c[1]).toList();
        try (Connection connection = utcConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + String.join(", ", definitions) + ")"
                    + " CHARACTER SET utf8mb4");
        }
    }

    /** Values bound by type: String as text, byte[] as bytes, Double / Float / Long as numbers, null as NULL. */
    private static void insert(String table, List<Object[]> rows) throws SQLException {
        String sql = "INSERT INTO " + table + " VALUES (" + String.join(", ", Collections.nCopies(COLUMNS.size(), "?"))
                + ")";
        try (Connection connection = utcConnection(); PreparedStatement insert = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    Object value = row[i];
                    if (value == null) {
                        insert.setNull(i + 1, java.sql.Types.VARCHAR);
                    } else if (value instanceof byte[] bytes) {
                        insert.setBytes(i + 1, bytes);
                    } else if (value instanceof Double number) {
                        insert.setDouble(i + 1, number);
                    } else if (value instanceof Long number) {
                        insert.setLong(i + 1, number);
                    } else {
                        insert.setString(i + 1, value.toString());
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Rows of limits, each column at its extremes; ids 1 to 9 (generated rows follow from 100). */
    private static List<Object[]> edgeRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(1, "1000-01-01 00:00:00", "1970-01-01 00:00:01", "-838:59:59", "1000-01-01", "1901",
                "-" + "9".repeat(35) + "." + "9".repeat(30), "-" + "9".repeat(38), "-0.99999",
                Double.MAX_VALUE, (double) Float.MAX_VALUE, Long.MIN_VALUE, "18446744073709551615", "-128", "255",
                bytes(1), bytes(-1L), new byte[] {0, 0, 0, 0, 0, 0, 0, 0}, new byte[] {0}, new byte[] {0, '\\', 'N'},
                "{\"k\": \"v\", \"n\": [1, 2.5, null, true]}", "it's", "x,y,z", "", "", ""));
        rows.add(row(2, "9999-12-31 23:59:59.999999", "2038-01-19 03:14:07.999999", "838:59:59.999999",
                "9999-12-31", "2155", "9".repeat(35) + "." + "9".repeat(30), "9".repeat(38), "0.00001",
                -Double.MAX_VALUE, (double) -Float.MAX_VALUE, Long.MAX_VALUE, "0", "127", "0", bytes(0), bytes(0L),
                new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, new byte[0], new byte[0], "[]", "NULL", "",
                "NULL", "NULL", "NULL"));
        rows.add(row(3, "2026-11-24 08:55:07.073", "2026-11-24 08:55:07.073", "-00:00:00.000001", "0000-00-00",
                "0000", "-0.000000000000000000000000000001", "0", "0.00000", Double.MIN_VALUE, (double) Float.MIN_VALUE,
                0L, "9223372036854775808", "5", "1", bytes(1), bytes(Long.MIN_VALUE),
                "\t\n\r\\\0ab\"".getBytes(StandardCharsets.ISO_8859_1), new byte[] {'\t', '\n', '\r', '\\', 0},
                new byte[] {(byte) 0x80, (byte) 0xff, 0x00, (byte) 0xc3}, "\"\\u0000 \\t \\\\ 🙂\"", "a", "y",
                "\\N", "\\N", "\\N"));
        rows.add(row(4, "2026-03-29 02:30:00.5", "2026-10-25 01:30:00.5", "100:00:00.1", "2026-02-28", "2026",
                "0.000000000000000000000000000001", "1", "0.10000", -0.0, (double) -0.0f, -1L, "1", "0", "0",
                bytes(0), bytes(Long.MAX_VALUE), new byte[] {'N', 'U', 'L', 'L', 0, 0, 0, 0}, null, null, "null",
                "b", "x,z", "line1\nline2\r\n\ttab \\ back 🙂 𝄞", "tab\there", "a b"));
        rows.add(row(5, "2000-02-29 12:00:00.000001", "2001-09-09 01:46:40.000001", "-100:00:00.5", "2000-02-29",
                "1999", "12345678901234567890.123456789012345678901234567890", "-1", "-0.00001",
                Double.MIN_NORMAL, (double) Float.MIN_NORMAL, 1L, "2", "1", "254", bytes(1), bytes(1L), null,
                null, null, "{}", null, null, null, null, null));
        rows.add(row(6, null, null, null, null, null, null, null, null, 4.9e-322, 1.0e-40, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null));
        return rows;
    }

    private static Object[] row(int id, String dt, String ts, String tm, String d, String y, String decWide,
                                String decInt, String decFrac, Double dbl, Double flt, Long big, String ubig,
                                String tiny1, String utiny, byte[] b1, byte[] b64, byte[] bin, byte[] vbin, byte[] blb,
                                String js, String en, String st, String txt, String vc, String ch) {
        List<Object> values = new ArrayList<>();
        values.add(id);
        for (int p = 0; p <= 6; p++) {
            values.add(truncated(dt, p));
            values.add(truncated(ts, p));
            values.add(truncated(tm, p));
        }
        values.addAll(java.util.Arrays.asList(d, y, decWide, decInt, decFrac, dbl, flt, big, ubig, tiny1, utiny, b1,
                b64, bin, vbin, blb, js, en, st, txt, vc, ch));
        return values.toArray();
    }

    private static Object[] generatedRow(Random random) {
        List<Object> values = new ArrayList<>();
        values.add(100 + generated++);
        for (int precision = 0; precision <= 6; precision++) {
            int p = precision;
            values.add(nullOr(random, () -> datetime(random, LocalDateTime.of(1000, 1, 1, 0, 0),
                    LocalDateTime.of(9999, 12, 31, 23, 59, 59), p)));
            values.add(nullOr(random, () -> datetime(random, LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                    LocalDateTime.of(2038, 1, 19, 3, 14, 7), p)));
            values.add(nullOr(random, () -> time(random, p)));
        }
        values.add(nullOr(random, () -> LocalDate.ofEpochDay(random.nextLong(LocalDate.of(1000, 1, 1).toEpochDay(),
                LocalDate.of(9999, 12, 31).toEpochDay() + 1)).toString()));
        values.add(nullOr(random, () -> String.valueOf(1901 + random.nextInt(255))));
        values.add(nullOr(random, () -> decimal(random, 35, 30)));
        values.add(nullOr(random, () -> decimal(random, 38, 0)));
        values.add(nullOr(random, () -> decimal(random, 0, 5)));
        values.add(nullOr(random, () -> finiteDouble(random)));
        values.add(nullOr(random, () -> (double) finiteFloat(random)));
        values.add(nullOr(random, random::nextLong));
        values.add(nullOr(random, () -> new BigInteger(64, random).toString()));
        values.add(nullOr(random, () -> String.valueOf(random.nextInt(-128, 128))));
        values.add(nullOr(random, () -> String.valueOf(random.nextInt(256))));
        values.add(nullOr(random, () -> bytes(random.nextInt(2))));
        values.add(nullOr(random, () -> bytes(random.nextLong())));
        values.add(nullOr(random, () -> randomBytes(random, 8)));
        values.add(nullOr(random, () -> randomBytes(random, random.nextInt(65))));
        values.add(nullOr(random, () -> randomBytes(random, random.nextInt(3000))));
        values.add(nullOr(random, () -> "{\"text\": \"" + jsonEscaped(text(random, 20)) + "\", \"n\": "
                + random.nextInt() + "}"));
        values.add(nullOr(random, () -> ENUM.get(random.nextInt(ENUM.size()))));
        values.add(nullOr(random, () -> String.join(",", SET.stream().filter(s -> random.nextBoolean()).toList())));
        values.add(nullOr(random, () -> text(random, 300)));
        values.add(nullOr(random, () -> text(random, 25)));
        values.add(nullOr(random, () -> text(random, 2).stripTrailing()));
        return values.toArray();
    }

    private static int generated;

    private static Object nullOr(Random random, java.util.function.Supplier<Object> value) {
        return random.nextInt(10) == 0 ? null : value.get();
    }

    private static String truncated(String temporal, int precision) {
        if (temporal == null) {
            return null;
        }
        int dot = temporal.indexOf('.');
        if (dot < 0) {
            return temporal;
        }
        String fraction = temporal.substring(dot + 1);
        return precision == 0 ? temporal.substring(0, dot)
                : temporal.substring(0, dot + 1) + fraction.substring(0, Math.min(precision, fraction.length()));
    }

    private static String datetime(Random random, LocalDateTime from, LocalDateTime to, int precision) {
        long seconds = random.nextLong(from.toEpochSecond(ZoneOffset.UTC), to.toEpochSecond(ZoneOffset.UTC) + 1);
        String whole = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
                .format(LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC));
        return whole + fraction(random, precision);
    }

    private static String time(Random random, int precision) {
        int hours = random.nextInt(839);
        String sign = random.nextBoolean() ? "-" : "";
        return sign + "%02d:%02d:%02d".formatted(hours, random.nextInt(60), random.nextInt(60))
                + fraction(random, precision);
    }

    /** Fractions often under a tenth (leading zeros), as the issue's {@code .073}. */
    private static String fraction(Random random, int precision) {
        if (precision == 0) {
            return "";
        }
        int bound = (int) Math.pow(10, random.nextBoolean() ? precision : Math.max(1, precision - 1));
        return "." + ("%0" + precision + "d").formatted(random.nextInt(bound));
    }

    private static String decimal(Random random, int integerDigits, int scale) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
        text.append(integerDigits == 0 ? "0" : digits(random, random.nextInt(1, integerDigits + 1)));
        if (scale > 0) {
            text.append('.').append(digits(random, scale));
        }
        return text.toString();
    }

    private static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    private static double finiteDouble(Random random) {
        while (true) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                return value;
            }
        }
    }

    private static float finiteFloat(Random random) {
        while (true) {
            float value = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(value)) {
                return value;
            }
        }
    }

    private static String text(Random random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(maxPieces + 1);
        for (int i = 0; i < pieces; i++) {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    private static String jsonEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                escaped.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                escaped.append("\\u%04x".formatted(c));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(int bit) {
        return new byte[] {(byte) bit};
    }

    private static byte[] bytes(long bits) {
        return ByteBuffer.allocate(8).putLong(bits).array();
    }
}
