package dev.custos.common.store;

import dev.custos.common.CustosException;

/**
 * The store could not do what was asked: it is unreachable, refused the credentials, lacks the
 * bucket, or a transfer broke off. The message names the key and the store (never a secret) and,
 * where it helps, the setting to check.
 */
public class BlobStoreException extends CustosException {

    public BlobStoreException(String message) {
        super(message);
    }

    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
