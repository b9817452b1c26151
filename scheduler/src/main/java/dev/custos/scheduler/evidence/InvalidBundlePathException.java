package dev.custos.scheduler.evidence;

import dev.custos.common.CustosException;

/** The path given for a bundle cannot be one: the command line reports it as a usage error. */
public class InvalidBundlePathException extends CustosException {

    InvalidBundlePathException(String message) {
        super(message);
    }
}
