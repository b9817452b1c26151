package dev.custos.jobs.backup.restore;

import dev.custos.common.CustosException;

/**
 * Restore refused an archive entry because writing it would reach outside the target directory
 * (an absolute path, a {@code ..} segment, a symbolic link on the way) or over something already
 * there. The message names the entry, the backup and the reason.
 */
class UnsafeEntryException extends CustosException {

    private final String entry;

    UnsafeEntryException(String backupId, String entry, String reason) {
        super("restore of backup " + backupId + " refused: entry '" + entry + "' " + reason
                + "; nothing was written outside the target directory");
        this.entry = entry;
    }

    /** The archive entry's path as the archive names it. */
    String entry() {
        return entry;
    }
}
