package dev.custos.common.period;

import dev.custos.common.CustosException;

/** A period given on the command line, in a job parameter or a request is not usable. */
public class InvalidPeriodException extends CustosException {

    public InvalidPeriodException(String message) {
        super(message);
    }
}
