package dev.custos.jobs.backup.restore;

import dev.custos.common.CustosException;

/** A table the restore would load already exists in the schema it was asked to load into. */
public class ExistingTableException extends CustosException {

    ExistingTableException(String message) {
        super(message);
    }
}
