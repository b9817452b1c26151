package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.archive.Classification;

/**
 * A drill configured to use a backup source's schema as its scratch schema: the run backs the
 * source up, then its drill step refuses the setting before creating or dropping anything, and
 * the source's schema keeps its data.
 */
class BackupDrillSchemaRefusalTest extends BackupJobTestSupport {

    private static final TestDatabase DATABASE = TestDatabase.create(BackupDrillSchemaRefusalTest.class);
    /** A source schema whose name a drill schema could have: it ends with _drill. */
    private static final String SOURCE = DATABASE.name() + "_crm_drill";

    @TempDir
    static Path storeDir;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("custos.store.dir", storeDir::toString);
        registerJdbcSource(registry, 0, "crm", Classification.INTERNAL, () -> SOURCE);
        registry.add("custos.backup.drill.schema", () -> SOURCE);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASE.drop();
    }

    @Autowired
    RestoreDrills drills;

    @Test
    void aDrillSchemaNamingASourceSchemaIsRefusedAndTheSourceKeepsItsData() throws Exception {
        jdbc.execute("CREATE DATABASE " + SOURCE);
        try {
            jdbc.execute("CREATE TABLE " + SOURCE + ".customer (id INT PRIMARY KEY)");
            jdbc.update("INSERT INTO " + SOURCE + ".customer VALUES (1), (2)");

            JobExecution execution = run("2033-04-06", true);

            assertThat(failedStep(execution).getStepName()).isEqualTo("backupRestoreDrillStep");
            assertThat(execution.getAllFailureExceptions()).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .isEqualTo("custos.backup.drill.schema=" + SOURCE + " is refused: it is the schema of a backup "
                            + "source (custos.backup.sources[].schema), which the restore drill would drop; set it to "
                            + "a schema name of its own ending with _drill"));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + SOURCE + ".customer", Integer.class))
                    .isEqualTo(2);
            assertThat(drills.ofInstance(execution.getJobInstanceId())).isEmpty();
        } finally {
            jdbc.execute("DROP DATABASE IF EXISTS " + SOURCE);
        }
    }
}
