package dev.custos.scheduler.evidence;

import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.period.Period;
import dev.custos.common.results.ResultsSchema;

/**
 * Exports of one period, one at a time across processes and nodes: the export runs while holding
 * the period's {@code evidence_export} row, from reading the stored versions to storing its own.
 * The blob store offers no create-only write on every implementation, the database does: a second
 * export waits, then finds the first one's version and makes the next one (or the same one again).
 */
@Component
class PeriodExportLock {

    private static final String CLAIM = "INSERT INTO {results}.evidence_export (period) VALUES (?)";
    private static final String HOLD = "SELECT period FROM {results}.evidence_export WHERE period = ? FOR UPDATE";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final TransactionTemplate transactions;

    PeriodExportLock(JdbcTemplate jdbc, ResultsSchema schema, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @throws ExportBusyException when the database gave the period to another export (a lock wait timeout, a
     *                             deadlock between several waiting exports)
     */
    <T> T holding(Period period, Supplier<T> export) {
        try {
            return transactions.execute(status -> {
                try {
                    jdbc.update(schema.sql(CLAIM), period.toString());
                } catch (DuplicateKeyException exportedBefore) {
                    // the row exists: hold it below
                }
                jdbc.queryForList(schema.sql(HOLD), String.class, period.toString());
                return export.get();
            });
        } catch (PessimisticLockingFailureException e) {
            throw new ExportBusyException("another export of " + period + " ran at the same time and the database"
                    + " gave it the period (lock wait timeout or deadlock): nothing was written; export again", e);
        }
    }

    /** The database gave the period to another export; nothing was written. */
    static final class ExportBusyException extends CustosException {

        ExportBusyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
