package dev.custos.common;

/** An input file is missing, unreadable or lacks a required header column: the job cannot run. */
public class InputFileException extends CustosException {

    public InputFileException(String message) {
        super(message);
    }

    public InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
