package dev.custos.common.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.test.TestDatabase;

/**
 * Modules number their result migrations in ranges of their own, so an upgrade brings a new
 * job-common migration (1.x) into a schema that already has a job's later versions applied.
 */
class ResultsMigrationTest {

    private static final TestDatabase DATABASE = TestDatabase.create(ResultsMigrationTest.class);

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Test
    void aNewMigrationOfAnEarlierModuleIsAppliedToASchemaMigratedByAnOlderBuild() throws SQLException {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(DATABASE.url(), TestDatabase.user(),
                TestDatabase.password());
        ResultsSchema schema = new ResultsSchema(DATABASE.resultsSchema());
        ResultsMigration.migrate(dataSource, schema);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // the schema as a build without V1_1 left it: 1.1 not applied, a job's 20.0 applied after 1.0
            String history = schema.table("flyway_results_history");
            statement.execute("ALTER TABLE " + schema.table("run") + " MODIFY code_version VARCHAR(50) NULL");
            statement.execute("DELETE FROM " + history + " WHERE version = '1.1'");
            statement.execute("INSERT INTO " + history + """
                     (installed_rank, version, description, type, script, checksum, installed_by, installed_on,
                      execution_time, success)
                    SELECT MAX(installed_rank) + 1, '20.0', 'a job', 'SQL', 'V20_0__a_job.sql', 0, 'test', NOW(), 0, 1
                    FROM""" + " " + history);
            assertThat(maxVersion(statement, schema)).isEqualTo("20.0");
        }

        ResultsMigration.migrate(dataSource, schema);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet column = statement.executeQuery("""
                     SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.columns
                     WHERE table_schema = '%s' AND table_name = 'run' AND column_name = 'code_version'"""
                     .formatted(DATABASE.resultsSchema()))) {
            assertThat(column.next()).isTrue();
            assertThat(column.getInt(1)).isEqualTo(100);
        }
    }

    private static String maxVersion(Statement statement, ResultsSchema schema) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT version FROM " + schema.table("flyway_results_history")
                + " WHERE success = 1 ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
