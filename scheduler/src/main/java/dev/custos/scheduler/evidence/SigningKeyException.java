package dev.custos.scheduler.evidence;

import dev.custos.common.CustosException;

/** The installation's signing key is not configured, missing or unreadable: a configuration error. */
public class SigningKeyException extends CustosException {

    SigningKeyException(String message) {
        super(message);
    }

    SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
