package dev.custos.scheduler.cli;

import dev.custos.common.CustosException;

/** The database, store or configuration could not be reached or read: exit code 4. */
final class EnvironmentException extends CustosException {
    EnvironmentException(String message) {
        super(message);
    }

    EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
