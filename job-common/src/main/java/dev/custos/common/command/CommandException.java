package dev.custos.common.command;

import dev.custos.common.CustosException;

/**
 * A contributed command's failure that the command line maps to its usage or environment exit
 * code, printing the message as one line.
 */
public final class CommandException extends CustosException {

    public enum Kind {
        /** The command line was wrong. */
        USAGE,
        /** A file, database, store or setting could not be read or written. */
        ENVIRONMENT
    }

    private final Kind kind;

    private CommandException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static CommandException usage(String message) {
        return new CommandException(Kind.USAGE, message, null);
    }

    public static CommandException environment(String message, Throwable cause) {
        return new CommandException(Kind.ENVIRONMENT, message, cause);
    }

    public Kind kind() {
        return kind;
    }
}
