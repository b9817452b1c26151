package dev.custos.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.csv.ParsedRow;
import dev.custos.common.results.ResultsMigration;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.test.TestDatabase;

/**
 * On MariaDB a chunk's accepted rows are staged by one {@code LOAD DATA LOCAL INFILE} stream; on
 * H2, or a MariaDB pool without {@code allowLocalInfile}, by the JDBC batch. Whatever the path,
 * every value arrives exactly as the batch INSERT stores it, and rejected rows are counted.
 */
class StagingWriterTest {

    private static final TestDatabase DATABASE = TestDatabase.create(StagingWriterTest.class);
    private static final String CREATE_STAGE = """
            CREATE TABLE {results}.%s (
                job_instance_id BIGINT NOT NULL, file VARCHAR(255) NOT NULL, line BIGINT NOT NULL,
                text VARCHAR(40) NULL, taken_on DATE NULL, score INT NULL,
                PRIMARY KEY (job_instance_id, file, line)
            ) DEFAULT CHARSET = utf8mb4""";
    private static final String INSERT = """
            INSERT INTO {results}.%s (job_instance_id, file, line, text, taken_on, score)
            VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String SELECT = """
            SELECT job_instance_id, file, line, text, taken_on, score FROM {results}.%s ORDER BY line""";
    private static final String SIGNAL_ON_SCORE = """
            CREATE TRIGGER {results}.streamed_stage_refuses BEFORE INSERT ON {results}.streamed_stage
            FOR EACH ROW BEGIN
              IF NEW.score = 13 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused Jane Doe'; END IF;
            END""";

    /** Values whose text travels escaped in the stream, and NULLs of every kind. */
    private static final List<String> AWKWARD_TEXTS = List.of(
            "plain", "with \"double\" and 'single' quotes", "tab\there", "back\\slash", "ends with \\",
            "\\N", "new\nline", "crlf\r\nline", "nul\0char", "", "  spaced  ", "comma, semicolon; pipe|",
            "Zoë Ångström", "漢字とかな", "emoji 😀🚀", "NULL");

    private static DataSource streamedPool;
    private static DataSource batchPool;
    private static DataSource h2;
    private static ResultsSchema schema;
    private StepExecution step;

    @BeforeAll
    static void pools() {
        schema = new ResultsSchema(DATABASE.resultsSchema());
        streamedPool = mariaDbPool(true);
        batchPool = mariaDbPool(false);
        ResultsMigration.migrate(streamedPool, schema);
        h2 = h2Pool();
        ResultsMigration.migrate(h2, schema);
        for (DataSource dataSource : List.of(streamedPool, h2)) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute(schema.sql(CREATE_STAGE.formatted("streamed_stage")));
            jdbc.execute(schema.sql(CREATE_STAGE.formatted("batch_stage")));
        }
    }

    @AfterAll
    static void drop() {
        ((HikariDataSource) streamedPool).close();
        ((HikariDataSource) batchPool).close();
        ((HikariDataSource) h2).close();
        DATABASE.drop();
    }

    @BeforeEach
    void inAStep() {
        step = MetaDataInstanceFactory.createStepExecution();
        StepSynchronizationManager.register(step);
    }

    @AfterEach
    void leaveTheStep() {
        StepSynchronizationManager.close();
        for (DataSource dataSource : List.of(streamedPool, h2)) {
            new JdbcTemplate(dataSource).execute(schema.sql("DELETE FROM {results}.streamed_stage"));
            new JdbcTemplate(dataSource).execute(schema.sql("DELETE FROM {results}.batch_stage"));
            new JdbcTemplate(dataSource).execute(schema.sql("DELETE FROM {results}.reject"));
        }
    }

    @Test
    void mariaDbWithLocalInfileStreamsTheChunkAndTheOtherPoolsBatchIt() {
        assertThat(new JdbcTemplate(streamedPool).execute((ConnectionCallback<Boolean>) LoadDataStaging::supportedOn))
                .isTrue();
        assertThat(new JdbcTemplate(batchPool).execute((ConnectionCallback<Boolean>) LoadDataStaging::supportedOn))
                .isFalse();
        assertThat(new JdbcTemplate(h2).execute((ConnectionCallback<Boolean>) LoadDataStaging::supportedOn)).isFalse();
    }

    @Test
    void quotesTabsBackslashesNewlinesNullsAndUnicodeArriveAsTheBatchInsertStoresThem() {
        Chunk<ParsedRow<Sample>> chunk = awkwardChunk();

        writer(streamedPool, "streamed_stage").write(chunk);
        writer(batchPool, "batch_stage").write(chunk);

        List<Map<String, Object>> streamed = rows(streamedPool, "streamed_stage");
        assertThat(streamed).hasSize(AWKWARD_TEXTS.size() + 6);
        assertThat(streamed).isEqualTo(rows(streamedPool, "batch_stage"));
        assertThat(streamed).extracting(row -> row.get("text")).containsAll(AWKWARD_TEXTS);
        assertThat(streamed).filteredOn(row -> row.get("text") == null).hasSize(2);
    }

    @Test
    void rowsLongerThanTheTextExpectedPerRowArriveWhole() {
        List<ParsedRow<Sample>> rows = new ArrayList<>();
        for (int line = 2; line < 200; line++) {
            // 40 characters of 3 bytes each: a row takes more than the 128 bytes the text expects per row
            rows.add(accepted(line, new Sample("漢字".repeat(20), LocalDate.of(2026, 3, 1), line)));
        }
        Chunk<ParsedRow<Sample>> chunk = new Chunk<>(rows);

        writer(streamedPool, "streamed_stage").write(chunk);
        writer(batchPool, "batch_stage").write(chunk);

        assertThat(rows(streamedPool, "streamed_stage")).hasSize(rows.size())
                .isEqualTo(rows(streamedPool, "batch_stage"));
    }

    @Test
    void h2BatchesTheSameValues() {
        Chunk<ParsedRow<Sample>> chunk = awkwardChunk();

        writer(h2, "streamed_stage").write(chunk);
        writer(streamedPool, "streamed_stage").write(chunk);

        assertThat(rows(h2, "streamed_stage")).usingRecursiveComparison()
                .isEqualTo(rows(streamedPool, "streamed_stage"));
    }

    @Test
    void rowsReadAreRowsStagedPlusRowsRejected() {
        Chunk<ParsedRow<Sample>> chunk = awkwardChunk();
        chunk.add(new ParsedRow.Rejected<>("stage.csv", 900, "score not a number"));
        chunk.add(new ParsedRow.Rejected<>("stage.csv", 901, "day not a date"));

        writer(streamedPool, "streamed_stage").write(chunk);

        long staged = count(streamedPool, "streamed_stage");
        long rejected = count(streamedPool, "reject");
        assertThat(rejected).isEqualTo(2);
        assertThat(staged + rejected).isEqualTo(chunk.size());
    }

    @Test
    void aChunkTheDatabaseRefusesStagesNothingAndNamesFileLineAndColumnButNoValue() {
        Chunk<ParsedRow<Sample>> chunk = new Chunk<>(List.of(
                accepted(2, new Sample("fits", null, null)),
                accepted(3, new Sample("Jane Doe of a name far too long for forty chars", null, null))));
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(streamedPool));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                writer(streamedPool, "streamed_stage").write(chunk)))
                .isInstanceOf(CustosException.class)
                .hasMessageContaining("stage.csv line 3, column text")
                .hasMessageNotContaining("Jane");
        assertThat(count(streamedPool, "streamed_stage")).isZero();
        // the batch INSERT refuses the same chunk: the two paths agree on what is stageable
        assertThatThrownBy(() -> writer(batchPool, "batch_stage").write(chunk)).isInstanceOf(DataAccessException.class);
    }

    @Test
    void anErrorOfTheServerIsReportedByItsCodesWithoutItsText() {
        new JdbcTemplate(streamedPool).execute(schema.sql(SIGNAL_ON_SCORE));
        try {
            Chunk<ParsedRow<Sample>> chunk = new Chunk<>(List.of(accepted(2, new Sample("a", null, 12)),
                    accepted(3, new Sample("b", null, 13))));

            assertThatThrownBy(() -> writer(streamedPool, "streamed_stage").write(chunk))
                    .isInstanceOf(CustosException.class)
                    .hasMessage("the database refused to stage the rows of stage.csv lines 2 to 3 into "
                            + schema.table("streamed_stage") + " (SQLState 45000, error 1644)");
        } finally {
            new JdbcTemplate(streamedPool).execute(schema.sql("DROP TRIGGER {results}.streamed_stage_refuses"));
        }
    }

    @Test
    void aStagingStatementOtherThanAOneRowInsertIsRefusedAtConstruction() {
        assertThatThrownBy(() -> LoadDataStaging.of("INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadDataStaging.of("INSERT INTO t (a, b, c) VALUES (?, ?)"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private record Sample(String text, LocalDate day, Integer score) {
    }

    private Chunk<ParsedRow<Sample>> awkwardChunk() {
        List<ParsedRow<Sample>> rows = new ArrayList<>();
        int line = 2;
        for (String text : AWKWARD_TEXTS) {
            rows.add(accepted(line, new Sample(text, LocalDate.of(2026, 1, 1).plusDays(line), line)));
            line++;
        }
        rows.add(accepted(line++, new Sample(null, null, null)));
        rows.add(accepted(line++, new Sample(null, LocalDate.of(1999, 12, 31), 0)));
        // numbers and dates are written digit by digit: their edges
        rows.add(accepted(line++, new Sample("int min", LocalDate.of(1000, 1, 1), Integer.MIN_VALUE)));
        rows.add(accepted(line++, new Sample("int max", LocalDate.of(9999, 12, 31), Integer.MAX_VALUE)));
        rows.add(accepted(line++, new Sample("negative", LocalDate.of(2024, 2, 29), -7)));
        rows.add(accepted(1_000_000_000_000L + line, new Sample("long line", LocalDate.of(2026, 10, 9), 1_000_000_000)));
        return new Chunk<>(rows);
    }

    private static ParsedRow<Sample> accepted(long line, Sample sample) {
        return new ParsedRow.Accepted<>("stage.csv", line, sample);
    }

    private static StagingWriter<Sample> writer(DataSource dataSource, String table) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        ResultsRepository results = new ResultsRepository(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), schema);
        return new StagingWriter<>(jdbc, results, schema.sql(INSERT.formatted(table)), (columns, instance, row) -> {
            Sample sample = row.value();
            columns.setLong(1, instance);
            columns.setString(2, row.file());
            columns.setLong(3, row.line());
            columns.setString(4, sample.text());
            columns.setDate(5, sample.day());
            if (sample.score() == null) {
                columns.setNull(6, Types.INTEGER);
            } else {
                columns.setInt(6, sample.score());
            }
        });
    }

    private static List<Map<String, Object>> rows(DataSource dataSource, String table) {
        return new JdbcTemplate(dataSource).queryForList(schema.sql(SELECT.formatted(table)));
    }

    private static long count(DataSource dataSource, String table) {
        return new JdbcTemplate(dataSource).queryForObject(schema.sql("SELECT COUNT(*) FROM {results}." + table),
                Long.class);
    }

    private static DataSource mariaDbPool(boolean localInfileAllowed) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(DATABASE.url());
        pool.setUsername(TestDatabase.user());
        pool.setPassword(TestDatabase.password());
        pool.setMaximumPoolSize(2);
        if (!localInfileAllowed) {
            // Connector/J 3 allows it unless told otherwise
            pool.addDataSourceProperty("allowLocalInfile", "false");
        }
        return pool;
    }

    private static DataSource h2Pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:h2:mem:" + DATABASE.name() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;"
                + "DB_CLOSE_DELAY=-1");
        pool.setUsername("sa");
        pool.setPassword("");
        return pool;
    }
}
