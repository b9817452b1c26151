package dev.custos.jobs.backup.archive;

import dev.custos.common.CustosException;

/**
 * A stored backup does not match its manifest, or cannot be read: the message names the object
 * (and the entry, when one is at fault) and what is wrong with it.
 */
public class BackupVerificationException extends CustosException {

    private final String object;
    private final String entry;
    private final String problem;

    public BackupVerificationException(String object, String entry, String problem) {
        this(object, entry, problem, null);
    }

    public BackupVerificationException(String object, String entry, String problem, Throwable cause) {
        super(object + (entry == null ? "" : " entry " + entry) + ": " + problem, cause);
        this.object = object;
        this.entry = entry;
        this.problem = problem;
    }

    /** Key of the object at fault (the archive or the manifest). */
    public String object() {
        return object;
    }

    /** Path of the archive entry at fault, or null when the object as a whole is. */
    public String entry() {
        return entry;
    }

    public String problem() {
        return problem;
    }
}
