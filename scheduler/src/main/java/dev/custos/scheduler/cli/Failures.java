package dev.custos.scheduler.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;

import dev.custos.common.CustosException;

/** Finds the operator's message in an exception chain (Spring wraps what a bean threw). */
final class Failures {

    private Failures() {
    }

    static CustosException operatorError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CustosException custos) {
                return custos;
            }
        }
        return null;
    }

    /**
     * Whether the failure is the database (or another server) not answering: a connection that
     * could not be made, as opposed to a statement that failed.
     */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a statement failed because a table does not exist (SQLSTATE 42S02, or H2's 42S02 /
     * 42S04 / 42102): a database Custos never ran against, or the wrong schema configured.
     */
    static boolean isMissingTable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("42S02", "42S04", "42102").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
