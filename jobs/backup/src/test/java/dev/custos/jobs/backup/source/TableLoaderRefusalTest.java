package dev.custos.jobs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.CustosException;
import dev.custos.common.test.TestDatabase;
import dev.custos.jobs.backup.BackupSettings;

/**
 * A row the database refuses while a restore loads it is named by table, part, row and SQL state
 * on MariaDB: MariaDB's own text ("Duplicate entry 'ann.lee@corp.test' for key 'PRIMARY'") quotes
 * the row's values, so it stays out of the message.
 */
class TableLoaderRefusalTest {

    private static final TestDatabase DATABASE = TestDatabase.create(TableLoaderRefusalTest.class);
    private static final String EMAIL = "ann.lee@corp.test";
    private static final TableDefinition PEOPLE = new TableDefinition("db", DATABASE.name(), "people",
            TableDefinition.FORMAT, List.of(
                    new TableDefinition.Column("email", "VARCHAR", "VARCHAR", 100, 0, false, null, "varchar(100)"),
                    new TableDefinition.Column("full_name", "VARCHAR", "VARCHAR", 100, 0, true, null, "varchar(100)")),
            List.of("email"), List.of("email"));

    @TempDir
    Path dir;

    @AfterAll
    static void dropDatabase() {
        DATABASE.drop();
    }

    @Test
    void refusedRowIsNamedByTablePartRowAndSqlStateWithoutItsValues() throws IOException {
        Path part = Files.writeString(dir.resolve("people-00001.tsv"),
                "email\tfull_name\n" + EMAIL + "\tAnn Lee\n" + EMAIL + "\tAnn Lee\n");
        DataSource dataSource = BackupSettings.dataSource(DATABASE);
        TableLoader loader = new TableLoader(dataSource, DATABASE.name() + "_restored");
        loader.createSchema();
        try {
            CustosException failure = catchThrowableOfType(CustosException.class, () -> loader.load(PEOPLE, List.of(part)));

            assertThat(failure.getMessage())
                    .isEqualTo("loading table " + DATABASE.name() + "_restored.people failed at part people-00001.tsv "
                            + "row 2 (or the batch before it): the database refused it "
                            + "(SQLIntegrityConstraintViolationException, SQL state 23000, vendor code 1062)")
                    .doesNotContain("ann", "Ann");
        } finally {
            loader.dropSchema();
        }
    }
}
