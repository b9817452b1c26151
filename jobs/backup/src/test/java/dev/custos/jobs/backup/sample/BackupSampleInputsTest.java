package dev.custos.jobs.backup.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.custos.common.period.Period;

/** The backup's demo inputs: the day's documents in the inbox, and the customers of the demo's database. */
class BackupSampleInputsTest {

    private static final String CUSTOMERS = "SELECT COUNT(*) FROM crm.customer";
    private static final String CONTENT = "SELECT customer_id, full_name, email, country, since, notes FROM crm.customer"
            + " ORDER BY customer_id";

    private final JdbcTemplate jdbc = new JdbcTemplate(h2());
    private final BackupSampleInputs samples =
            new BackupSampleInputs(new DemoCustomers(jdbc, new DataSourceTransactionManager(jdbc.getDataSource())));

    @Test
    void sampleInputsAreTheSameCustomerDocumentsForTheSameSeed(@TempDir Path dir) throws Exception {
        samples.write(dir.resolve("a"), Period.parse("2026-11-24"), 2, 7);
        samples.write(dir.resolve("b"), Period.parse("2026-11-24"), 2, 7);

        assertThat(files(dir.resolve("a"))).hasSize(81).isEqualTo(files(dir.resolve("b")));
        assertThat(dir.resolve("a/customers/C00040/contract.txt")).content().startsWith("Customer C00040");
        assertThat(Files.mismatch(dir.resolve("a/customers/C00001/statement-2026-11-24.bin"),
                dir.resolve("b/customers/C00001/statement-2026-11-24.bin"))).isEqualTo(-1);
    }

    @Test
    void theDemoDatabaseGrowsBySevenCustomersADayTimesTheScaleAndStaysTheSameWhenTheDemoRunsAgain() {
        samples.prepareSources(Period.parse("2025-12-27"), 0, 2);
        assertThat(jdbc.queryForObject(CUSTOMERS, Long.class)).isEqualTo(400);

        samples.prepareSources(Period.parse("2025-12-29"), 2, 2);
        assertThat(jdbc.queryForObject(CUSTOMERS, Long.class)).isEqualTo(428);
        List<String> customers = jdbc.queryForList(CONTENT).stream().map(Object::toString).toList();

        samples.prepareSources(Period.parse("2025-12-27"), 0, 2);
        samples.prepareSources(Period.parse("2025-12-29"), 2, 2);
        assertThat(jdbc.queryForList(CONTENT).stream().map(Object::toString).toList())
                .as("a second demo on the same database adds no customer").isEqualTo(customers);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM crm.contract", Long.class)).isBetween(428L, 3 * 428L);
    }

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
