package dev.custos.jobs.backup.restore;

import dev.custos.common.CustosException;

/** No backup of that id (no manifest) is in the store. */
public class UnknownBackupException extends CustosException {

    public UnknownBackupException(String message) {
        super(message);
    }
}
