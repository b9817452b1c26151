package dev.custos.common;

/**
 * A failure an operator can act on. The message says what failed, where (file, line, object)
 * and, where it helps, what to do; the command line prints it as one line without a stack trace.
 */
public class CustosException extends RuntimeException {

    public CustosException(String message) {
        super(message);
    }

    public CustosException(String message, Throwable cause) {
        super(message, cause);
    }
}
