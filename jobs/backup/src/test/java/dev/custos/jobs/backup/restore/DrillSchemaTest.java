package dev.custos.jobs.backup.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.custos.common.CustosException;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupSettings;

/**
 * The restore drill's scratch schema on MariaDB: names that could be a real schema are refused
 * before anything is created or dropped; an existing schema the drill did not create survives;
 * the drill drops only what it created, or what a killed drill left (it holds the marker).
 */
class DrillSchemaTest {

    private static final TestDatabase DATABASE = TestDatabase.create(DrillSchemaTest.class);
    private static final DataSource DATA_SOURCE = BackupSettings.dataSource(DATABASE);
    private static final JdbcTemplate JDBC = new JdbcTemplate(DATA_SOURCE);
    private static final String SCRATCH = DATABASE.name() + "_drill";
    private static final String RESULTS = DATABASE.resultsSchema();

    @AfterEach
    void dropScratch() {
        JDBC.execute("DROP DATABASE IF EXISTS " + SCRATCH);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    private static boolean exists(String schema) {
        return JDBC.queryForObject("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                Integer.class, schema) > 0;
    }

    private static DrillSchema checked(String name, String... sourceSchemas) {
        return DrillSchema.checked(DATA_SOURCE, name, RESULTS, List.of(sourceSchemas));
    }

    @Test
    void aNameNotEndingInDrillIsRefused() {
        assertThatThrownBy(() -> checked("crm_copy")).isInstanceOf(CustosException.class)
                .hasMessageStartingWith("custos.backup.drill.schema=crm_copy is refused")
                .hasMessageContaining("must end with _drill");
    }

    @Test
    void theResultsSchemaIsRefused() {
        assertThatThrownBy(() -> DrillSchema.refuse("custos_drill",
                List.of(new DrillSchema.Protected("custos_drill", "the results schema (custos.results.schema)"))))
                .hasMessage("custos.backup.drill.schema=custos_drill is refused: it is the results schema "
                        + "(custos.results.schema), which the restore drill would drop; set it to a schema name of its "
                        + "own ending with _drill");
    }

    @Test
    void theConnectionsOwnSchemaIsRefused() {
        String own = DATABASE.name() + "_own_drill";
        JDBC.execute("CREATE DATABASE " + own);
        try {
            String server = DATABASE.url().substring(0, DATABASE.url().lastIndexOf('/') + 1);
            DataSource onOwn = new DriverManagerDataSource(server + own, TestDatabase.user(), TestDatabase.password());

            assertThatThrownBy(() -> DrillSchema.checked(onOwn, own, RESULTS, List.of()))
                    .hasMessageContaining("is refused: it is the application database's own schema");
            assertThat(exists(own)).isTrue();
        } finally {
            JDBC.execute("DROP DATABASE " + own);
        }
    }

    @Test
    void aSourceSchemaIsRefusedWhateverItsCase() {
        assertThatThrownBy(() -> checked("CRM_drill", "crm_drill"))
                .hasMessageContaining("is refused: it is the schema of a backup source");
    }

    @Test
    void anExistingSchemaTheDrillDidNotCreateIsRefusedAndSurvivesWithItsData() {
        JDBC.execute("CREATE DATABASE " + SCRATCH);
        JDBC.execute("CREATE TABLE " + SCRATCH + ".payroll (id INT PRIMARY KEY)");
        JDBC.update("INSERT INTO " + SCRATCH + ".payroll VALUES (1)");
        DrillSchema scratch = checked(SCRATCH);

        assertThatThrownBy(() -> scratch.create(7)).isInstanceOf(CustosException.class)
                .hasMessageContaining("a schema of that name exists and was not created by a restore drill");
        scratch.dropIfOwn();

        assertThat(JDBC.queryForObject("SELECT COUNT(*) FROM " + SCRATCH + ".payroll", Integer.class)).isEqualTo(1);
    }

    @Test
    void theDrillDropsTheSchemaItCreatedAndOneAKilledDrillLeft() throws Exception {
        DrillSchema killed = checked(SCRATCH);
        killed.create(1);
        try (Connection connection = DATA_SOURCE.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + SCRATCH + ".customer (id INT PRIMARY KEY)");
        }

        DrillSchema next = checked(SCRATCH);
        next.create(2);
        assertThat(JDBC.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?",
                Integer.class, SCRATCH)).as("the left schema was dropped and created afresh, with its marker only")
                .isEqualTo(1);
        next.dropIfOwn();

        assertThat(exists(SCRATCH)).isFalse();
    }
}
