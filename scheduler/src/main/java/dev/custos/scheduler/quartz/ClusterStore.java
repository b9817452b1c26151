package dev.custos.scheduler.quartz;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.ThreadLocalRandom;

import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storing a job or trigger that every starting node stores. Nodes starting together each read,
 * then write, each statement on its own (Spring's Quartz store runs outside a transaction here, so
 * Quartz's row lock holds for one statement): a node can collide with a job or trigger another node
 * inserts meanwhile, or read one half-written. It then reads again and aligns what it finds, so
 * storing is idempotent across nodes.
 */
public final class ClusterStore {

    /** A collision means another node is storing the same object; this many in a row mean something else is wrong. */
    private static final int ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(ClusterStore.class);

    /** One read-then-write of the Quartz store that is safe to repeat. */
    @FunctionalInterface
    public interface Alignment {
        void align() throws SchedulerException;
    }

    private ClusterStore() {
    }

    public static void align(String what, Alignment alignment) throws SchedulerException {
        for (int attempt = 1; ; attempt++) {
            try {
                alignment.align();
                return;
            } catch (JobPersistenceException e) {
                if (attempt == ATTEMPTS || !collision(e)) {
                    throw e;
                }
                log.info("{} was being stored by another node ({}); aligning with it", what, e.getMessage());
                pauseBeforeRetry();
            }
        }
    }

    /**
     * Whether storing collided with another node storing the same object: it stored the job or
     * trigger first (already exists, a duplicate key), the two statements deadlocked or waited on
     * each other's row lock, or a job was read half-written. Anything else (the database is down, a
     * table is missing) is a real failure and is not retried.
     */
    static boolean collision(JobPersistenceException e) {
        if (e instanceof ObjectAlreadyExistsException) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLIntegrityConstraintViolationException
                    || cause instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
            if (cause.getMessage() != null && cause.getMessage().contains("No record found")) {
                return true;
            }
        }
        return false;
    }

    private static void pauseBeforeRetry() throws SchedulerException {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(50, 250));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchedulerException("interrupted while storing schedules", e);
        }
    }
}
