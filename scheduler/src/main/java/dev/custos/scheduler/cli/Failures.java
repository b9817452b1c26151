package dev.custos.scheduler.cli;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.custos.common.CustosException;

/** Finds the operator's message in an exception chain (Spring wraps what a bean threw). */
final class Failures {

    private static final String H2_SCHEMA_NOT_FOUND = "90079";
    private static final String H2_DATABASE_NOT_FOUND = "90146";
    private static final int MARIADB_UNKNOWN_DATABASE = 1049;
    /** What H2 puts between its message and the statement that failed. */
    private static final String SQL_STATEMENT = "; SQL statement:";
    private static final String HOW_TO_POINT = "point at the installation's database with --config FILE (a properties "
            + "file, e.g. the demo's DIR/custos.properties) or SPRING_DATASOURCE_URL, or create a demo one with "
            + "'custos demo'";

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
     * Whether the failure came from creating a bean from the configuration: a read command's beans
     * are created when first used, so a wrong or missing setting shows only then.
     */
    static boolean isConfiguration(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BeanCreationException) {
                return true;
            }
        }
        return false;
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
     * Whether a statement failed because a table or its schema does not exist (SQLSTATE 42S02, H2's
     * 42S02 / 42S04 / 42102, H2's schema-not-found 90079, MariaDB's unknown database 1049): a
     * database Custos never ran against, or the wrong schema configured.
     */
    static boolean isMissingTable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ((sql.getSQLState() != null
                    && Set.of("42S02", "42S04", "42102", H2_SCHEMA_NOT_FOUND).contains(sql.getSQLState()))
                    || sql.getErrorCode() == MARIADB_UNKNOWN_DATABASE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the configured H2 database does not exist and may not be created: the built-in default
     * ({@code IFEXISTS=TRUE}), so that a command run without configuration leaves no database behind.
     */
    static boolean isNoDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && H2_DATABASE_NOT_FOUND.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one line to print for a database that is missing or holds no Custos tables, or null when
     * the failure is something else.
     */
    static String databaseSetupMessage(Throwable failure) {
        if (isNoDatabase(failure)) {
            return "no database is configured (an H2 database is never created implicitly): " + HOW_TO_POINT;
        }
        if (isMissingTable(failure)) {
            return "the database has no Custos tables (" + rootMessage(failure) + "): check custos.results.schema; "
                    + HOW_TO_POINT + ", or run 'custos run' or 'custos serve' once against a new database to create them";
        }
        return null;
    }

    /** The innermost cause's message, on one line: a database's message may quote its SQL over several. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    /** {@code message} without the statement a database appends, its lines joined. */
    static String oneLine(String message) {
        int statement = message.indexOf(SQL_STATEMENT);
        String cut = statement < 0 ? message : message.substring(0, statement);
        return cut.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
