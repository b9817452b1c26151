package dev.custos.common.results;

import java.util.Arrays;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrates the results schema with its own Flyway history, separate from the Batch and Quartz
 * tables: migrations live under {@code db/results} in every module that owns result tables. The
 * staging tables are then partitioned ({@link StagingTables}), whichever module created them.
 */
public final class ResultsMigration {

    private ResultsMigration() {
    }

    public static void migrate(DataSource dataSource, ResultsSchema schema) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema.name())
                .defaultSchema(schema.name())
                .createSchemas(true)
                .table("flyway_results_history")
                .locations("classpath:db/results");
        // each module owns a range of versions (job-common 1.x, training 10.x, reconciliation 20.x,
        // backup 30.x, rollup 40.x): a new migration of an earlier module sorts below applied ones, which
        // Flyway applies only out of order; asked for only then, so that its warning means something
        boolean earlierPending = Arrays.stream(configuration.load().info().all())
                .anyMatch(migration -> migration.getState() == MigrationState.IGNORED);
        configuration.outOfOrder(earlierPending).load().migrate();
        StagingTables.partitionExisting(dataSource, schema);
    }
}
