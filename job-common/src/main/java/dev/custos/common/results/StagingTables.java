package dev.custos.common.results;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that decides how a run's staging rows (tables {@code *_stage} of the results
 * schema) are kept apart and how they go.
 *
 * <p>On MariaDB each staging table is LIST-partitioned by {@code job_instance_id} with a DEFAULT
 * partition. A run gets a partition of its own in each of its staging tables before it stages a
 * row ({@link #prepare}), and its rows go by dropping that partition ({@link #remove}): a file
 * dropped, where a DELETE reads every page back and writes an undo record per row, a cost that
 * grew faster than the rows. Every query keeps {@code WHERE job_instance_id = ?} and reads one
 * partition. Rows without a partition of their own (runs staged before the tables were
 * partitioned, a run whose partition could not be added) lie in the DEFAULT partition and are
 * deleted as before; H2 (the demo) has no partitions and deletes.
 *
 * <p>A partition is added or dropped by DDL, which waits for every statement open on the table
 * (another run's streaming read, for one): it runs on a connection of its own, outside the
 * caller's transaction, and waits at most {@value #DDL_WAIT_SECONDS} s. A run that could not get
 * a partition stages into the DEFAULT partition; a partition that could not be dropped is
 * emptied by DELETE and dropped by a later removal, so that partitions do not pile up towards
 * MariaDB's limit of 8192 a table.
 */
public class StagingTables {

    private static final Logger log = LoggerFactory.getLogger(StagingTables.class);

    static final String DEFAULT_PARTITION = "pdefault";
    /* bounded: DDL waiting for a lock makes every later statement on the table wait behind it */
    static final int DDL_WAIT_SECONDS = 5;

    /** MariaDB's ER_SAME_NAME_PARTITION and ER_DROP_PARTITION_NON_EXISTENT: another node was first. */
    private static final int DUPLICATE_PARTITION = 1517;
    private static final int NO_SUCH_PARTITION = 1507;
    /** ER_LOCK_WAIT_TIMEOUT: what a DDL with NOWAIT (or past its WAIT) gets while a statement holds the table. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private static final String UNPARTITIONED_STAGING_TABLES = """
            SELECT TABLE_NAME FROM information_schema.PARTITIONS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE '%\\_stage' AND PARTITION_NAME IS NULL ORDER BY TABLE_NAME""";
    private static final String PARTITIONS = """
            SELECT PARTITION_NAME FROM information_schema.PARTITIONS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL""";
    private static final String DELETE_INSTANCE_ROWS = "DELETE FROM %s WHERE job_instance_id = ?";
    /*
     * Instances whose staging is never read again: their latest run completed (cleaned up by its own
     * last step) or was abandoned. Earlier FAILED rows of a restarted instance are never updated.
     */
    private static final String FINISHED_INSTANCES = """
            SELECT r.job_instance_id FROM {results}.run r WHERE r.job_instance_id IN (%s)
            AND r.status IN ('COMPLETED', 'ABANDONED')
            AND r.execution_id = (SELECT MAX(l.execution_id) FROM {results}.run l WHERE l.job_instance_id = r.job_instance_id)""";
    private static final String INSTANCES_STAGED = "SELECT DISTINCT job_instance_id FROM %s";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate outsideTransactions;
    private final ResultsSchema schema;
    private volatile Boolean mariaDb;

    public StagingTables(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.outsideTransactions = new TransactionTemplate(transactionManager);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.schema = schema;
    }

    /**
     * Partitions the staging tables not yet partitioned (on MariaDB; once per installation, right
     * after the results migration): each gets a DEFAULT partition holding the rows it has.
     */
    public static void partitionExisting(DataSource dataSource, ResultsSchema schema) {
        if (!isMariaDb(dataSource)) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : jdbc.queryForList(UNPARTITIONED_STAGING_TABLES, String.class, schema.name())) {
            try {
                jdbc.execute("ALTER TABLE %s WAIT %d PARTITION BY LIST (job_instance_id) (PARTITION %s DEFAULT)"
                        .formatted(schema.table(table), DDL_WAIT_SECONDS, DEFAULT_PARTITION));
                log.info("staging table {} partitioned by job instance", table);
            } catch (DataAccessException e) {
                log.warn("staging table {} could not be partitioned ({}); its rows are deleted row by row until a "
                        + "later start partitions it", table, RunFailure.message(e));
            }
        }
    }

    /**
     * Gives the job instance a partition of its own in each of {@code tables} when its first
     * execution starts, before it stages a row; a restart finds it there. When it cannot be added
     * (the tables are not partitioned, the DDL waited too long), the run stages into the DEFAULT
     * partition, which works the same, only its removal deletes row by row. A restart adds none:
     * a partition added over rows of its value in the DEFAULT partition would hide them from
     * every query.
     */
    public void prepare(long jobInstanceId, boolean restart, List<String> tables) {
        if (tables.isEmpty() || !mariaDb()) {
            return;
        }
        String partition = partitionOf(jobInstanceId);
        for (String table : tables) {
            Set<String> partitions = partitions(table);
            if (restart || !partitions.contains(DEFAULT_PARTITION) || partitions.contains(partition)) {
                continue;
            }
            try {
                ddl("ALTER TABLE %s WAIT %d ADD PARTITION (PARTITION %s VALUES IN (%d))"
                        .formatted(schema.table(table), DDL_WAIT_SECONDS, partition, jobInstanceId));
            } catch (DataAccessException e) {
                if (vendorCode(e) != DUPLICATE_PARTITION) {
                    log.warn("staging table {}: job instance {} stages without a partition of its own ({}); its rows "
                            + "are deleted row by row", table, jobInstanceId, RunFailure.message(e));
                }
            }
        }
    }

    /**
     * Removes the staging rows of {@code instances} from {@code tables}: drops their partitions,
     * and those left behind by finished runs, then deletes the rows still there (in the caller's
     * transaction, if any). The caller's transaction must not have touched {@code tables} yet: the
     * DDL would wait for it.
     */
    public void remove(Collection<Long> instances, List<String> tables) {
        for (String table : tables) {
            if (mariaDb()) {
                dropPartitions(table, instances);
            }
            deleteRows(table, instances);
        }
    }

    /**
     * Removes what finished runs left in {@code tables}: the partitions that could not be dropped,
     * and rows of theirs still in the DEFAULT partition (an abandon whose removal failed after the
     * run was marked ABANDONED). A partition busy now is emptied by DELETE and dropped by a later call.
     */
    public void removeLeftovers(List<String> tables) {
        for (String table : tables) {
            boolean partitioned = false;
            Set<Long> notDropped = Set.of();
            if (mariaDb()) {
                Set<String> partitions = partitions(table);
                partitioned = partitions.contains(DEFAULT_PARTITION);
                notDropped = dropPartitions(table, List.of(), partitions);
            }
            String staged = INSTANCES_STAGED.formatted(schema.table(table)
                    + (partitioned ? " PARTITION (" + DEFAULT_PARTITION + ")" : ""));
            Set<Long> left = new TreeSet<>(jdbc.queryForList(staged, Long.class));
            left.addAll(notDropped);
            deleteRows(table, finished(left));
        }
    }

    private void deleteRows(String table, Collection<Long> instances) {
        String delete = DELETE_INSTANCE_ROWS.formatted(schema.table(table));
        for (long instance : instances) {
            jdbc.update(delete, instance);
        }
    }

    private void dropPartitions(String table, Collection<Long> instances) {
        dropPartitions(table, instances, partitions(table));
    }

    /*
     * The caller's own partitions wait for the table a while; those left behind by other finished
     * runs are dropped only when nobody uses the table, so as not to stall another period's run.
     * Returns the instances whose partition is still there.
     */
    private Set<Long> dropPartitions(String table, Collection<Long> instances, Set<String> partitions) {
        Set<Long> partitioned = new TreeSet<>();
        for (String partition : partitions) {
            if (partition.matches("p\\d+")) {
                partitioned.add(Long.parseLong(partition.substring(1)));
            }
        }
        Set<Long> own = new TreeSet<>(instances);
        own.retainAll(partitioned);
        Set<Long> leftovers = new TreeSet<>(finished(partitioned));
        leftovers.removeAll(own);
        Set<Long> notDropped = new TreeSet<>();
        for (long instance : own) {
            if (!dropPartition(table, instance, "WAIT " + DDL_WAIT_SECONDS)) {
                notDropped.add(instance);
            }
        }
        for (long instance : leftovers) {
            if (!dropPartition(table, instance, "NOWAIT")) {
                notDropped.add(instance);
            }
        }
        return notDropped;
    }

    private boolean dropPartition(String table, long instance, String wait) {
        try {
            ddl("ALTER TABLE %s %s DROP PARTITION %s".formatted(schema.table(table), wait, partitionOf(instance)));
            return true;
        } catch (DataAccessException e) {
            int code = vendorCode(e);
            if (code == LOCK_WAIT_TIMEOUT && wait.equals("NOWAIT")) {
                log.debug("staging table {}: the leftover partition of job instance {} is busy; a later cleanup "
                        + "drops it", table, instance);
            } else if (code != NO_SUCH_PARTITION) {
                log.warn("staging table {}: the partition of job instance {} could not be dropped ({}); its rows are "
                        + "deleted row by row and the partition is dropped by a later cleanup", table, instance,
                        RunFailure.message(e));
            }
            return code == NO_SUCH_PARTITION;
        }
    }

    private Set<Long> finished(Set<Long> instances) {
        if (instances.isEmpty()) {
            return Set.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(instances.size(), "?"));
        return new TreeSet<>(jdbc.queryForList(schema.sql(FINISHED_INSTANCES.formatted(placeholders)), Long.class,
                instances.toArray()));
    }

    /** The partitions of a staging table, none when it is not partitioned. */
    Set<String> partitions(String table) {
        return new TreeSet<>(jdbc.queryForList(PARTITIONS, String.class, schema.name(), table));
    }

    static String partitionOf(long jobInstanceId) {
        return "p" + jobInstanceId;
    }

    /* DDL commits the transaction it runs in: it gets a connection of its own, in autocommit */
    private void ddl(String statement) {
        long start = System.nanoTime();
        outsideTransactions.executeWithoutResult(status -> jdbc.execute(statement));
        log.debug("{} took {} ms", statement, (System.nanoTime() - start) / 1_000_000);
    }

    private boolean mariaDb() {
        Boolean known = mariaDb;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    isMariaDb(connection.getMetaData().getDatabaseProductName()));
            mariaDb = known;
        }
        return known;
    }

    private static boolean isMariaDb(DataSource dataSource) {
        try {
            return isMariaDb(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("the database product could not be read", e);
        }
    }

    private static boolean isMariaDb(String productName) {
        return "MariaDB".equalsIgnoreCase(productName);
    }

    private static int vendorCode(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql ? sql.getErrorCode() : 0;
    }
}
