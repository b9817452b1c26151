package dev.custos.scheduler.launch;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Whether a run failed because its connection to the database went (killed, reset, timed out). */
final class ConnectionLoss {

    private ConnectionLoss() {
    }

    static boolean causedBy(JobExecution execution) {
        return Stream.concat(execution.getStepExecutions().stream().flatMap(step -> step.getFailureExceptions().stream()),
                execution.getFailureExceptions().stream()).anyMatch(ConnectionLoss::isConnectionLoss);
    }

    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof TransactionSystemException) {
                return true;
            }
            // SQLSTATE class 08: connection exception; 70100: the connection's query was killed
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("70100"))) {
                return true;
            }
        }
        return false;
    }
}
