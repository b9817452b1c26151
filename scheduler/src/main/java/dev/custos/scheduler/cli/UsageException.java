package dev.custos.scheduler.cli;

import dev.custos.common.CustosException;

/** The command line was wrong: exit code 2. */
final class UsageException extends CustosException {
    UsageException(String message) {
        super(message);
    }
}
