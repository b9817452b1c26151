package dev.custos.common.results;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.custos.common.CustosException;

/**
 * What a run's failure may say, in its stored message and in the log. A database's error text can
 * quote the row it refused (MariaDB's "Duplicate entry '...' for key", H2's constraint messages with
 * the key's values), so a failure caused by an {@link SQLException} is described by the exception's
 * class, SQL state, vendor code and the table of the statement, never by its text.
 */
public final class RunFailure {

    /* Spring's JDBC exceptions name the statement as "SQL [...]" or "bad SQL grammar [...]"; Custos's
       statements take parameters, so the statement holds no values, only the table. */
    private static final Pattern STATEMENT = Pattern.compile("SQL (?:grammar )?\\[(.*?)\\]", Pattern.DOTALL);
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|INTO\\s+TABLE|FROM)\\s+([A-Za-z0-9_$.]+)");

    private RunFailure() {
    }

    /**
     * The message written for an operator: the outermost {@link CustosException}'s (which names the
     * file, line or object, and carries what it wraps with its context, e.g. a store failure "failed 3
     * time(s) ... No manifest was written ... custos restart N"; the library exception it wraps, say
     * a CSV parser's "EOF reached before encapsulated token finished", names none); else, for a
     * database error, its kind without its text; else the innermost message. One line.
     */
    public static String message(Throwable failure) {
        Throwable cause = failure;
        Throwable custos = failure instanceof CustosException ? failure : null;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (custos == null && cause instanceof CustosException) {
                custos = cause;
            }
        }
        if (custos == null) {
            Optional<String> database = database(failure);
            if (database.isPresent()) {
                return database.get();
            }
        }
        Throwable chosen = custos != null ? custos : cause;
        String message = chosen.getMessage();
        return oneLine(message == null ? chosen.getClass().getSimpleName() : message);
    }

    /**
     * A database error as {@code database error SQLIntegrityConstraintViolationException (SQL state
     * 23000, vendor code 1062) on table audit_rollup_line}, when an {@link SQLException} caused
     * the failure.
     */
    static Optional<String> database(Throwable failure) {
        SQLException sql = null;
        String table = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (table == null && cause.getMessage() != null) {
                table = table(cause.getMessage());
            }
            if (cause instanceof SQLException e && (sql == null || e.getSQLState() != null)) {
                sql = e;
            }
        }
        if (sql == null) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("database error ").append(sql.getClass().getSimpleName())
                .append(" (SQL state ").append(sql.getSQLState() == null ? "unknown" : sql.getSQLState());
        if (sql.getErrorCode() != 0) {
            text.append(", vendor code ").append(sql.getErrorCode());
        }
        text.append(')');
        if (table != null) {
            text.append(" on table ").append(table);
        }
        return Optional.of(text.toString());
    }

    /**
     * The failure as the log may show it: the same exceptions with their stack traces, but for a
     * failure caused by an {@link SQLException} each exception says only its class (and SQL state),
     * not its text.
     */
    public static Throwable forLog(Throwable failure) {
        if (database(failure).isEmpty()) {
            return failure;
        }
        return withoutText(failure);
    }

    private static Throwable withoutText(Throwable failure) {
        Throwable cause = failure.getCause() == null || failure.getCause() == failure ? null : withoutText(failure.getCause());
        String name = failure.getClass().getName() + (failure instanceof SQLException e
                ? " (SQL state " + e.getSQLState() + ", vendor code " + e.getErrorCode() + ")" : "");
        TextLeftOut copy = new TextLeftOut(name, cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** "audit_rollup_line" of "... SQL [INSERT INTO schema.audit_rollup_line ...]; ...". */
    private static String table(String message) {
        Matcher statement = STATEMENT.matcher(message);
        if (!statement.find()) {
            return null;
        }
        Matcher table = TABLE.matcher(statement.group(1));
        if (!table.find()) {
            return null;
        }
        String name = table.group(1);
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** An exception of the log standing for one whose text was left out: prints as its class name. */
    private static final class TextLeftOut extends RuntimeException {

        private TextLeftOut(String name, Throwable cause) {
            super(name, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
