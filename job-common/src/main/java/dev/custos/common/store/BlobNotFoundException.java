package dev.custos.common.store;

import dev.custos.common.CustosException;

/** The object asked for is not in the store; the message names its key and the store. */
public class BlobNotFoundException extends CustosException {

    public BlobNotFoundException(String message) {
        super(message);
    }
}
