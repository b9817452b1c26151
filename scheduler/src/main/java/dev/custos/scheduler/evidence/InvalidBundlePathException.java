package dev.custos.scheduler.evidence;

import dev.custos.common.CustosException;

/** A path given for a bundle or a trusted key cannot be one: the command line reports it as a usage error. */
public class InvalidBundlePathException extends CustosException {

    InvalidBundlePathException(String message) {
        super(message);
    }
}
