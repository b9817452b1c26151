package dev.custos.common.backups;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.custos.common.CustosException;

/**
 * The backups an installation keeps, as the console shows them beside {@code custos backup list|verify}:
 * implemented by the control that makes them (one bean at most), so that the console names no job.
 * Nothing it returns holds a key or its material.
 */
public interface Backups {

    /** {@link #verify} of the newest backup. */
    String LATEST = "latest";

    /** Where the backups are, for messages (no credential). */
    String storeDescription();

    /** Every backup (and incomplete id) of the store, oldest first. */
    List<Backup> list();

    /**
     * Re-reads backup {@code idOrLatest} in full and checks it as {@code custos backup verify} does;
     * empty when {@code latest} was asked and the store holds no backup.
     *
     * @throws NotABackupIdException when {@code idOrLatest} is neither a backup id nor {@link #LATEST}
     */
    List<Verification> verify(String idOrLatest);

    /** The last restore drill of each period that had one, newest period first. */
    List<Drill> drills();

    /** An argument that names no backup: neither an id such as {@code 2026-11-24.17} nor {@link #LATEST}. */
    class NotABackupIdException extends CustosException {

        public NotABackupIdException(String message) {
            super(message);
        }
    }

    /**
     * One backup as {@code custos backup list --format json} shows it; {@code state} is VERIFIED,
     * NOT_VERIFIED, NOT_RECORDED, INCOMPLETE or DAMAGED.
     */
    record Backup(String id, LocalDate day, Long bytes, String state, Instant verifiedAt, Boolean encrypted,
                  List<String> sources, String problem) {
    }

    /** One verdict as {@code custos backup verify --format json} shows it. */
    record Verification(String id, boolean verified, boolean asRecorded, Long entries, Long storedBytes, String object,
                        String entry, String problem, String message) {
    }

    /**
     * A restore drill: {@code outcome} PASSED when the backup was restored into a scratch schema and
     * every table matched its manifest (a failed drill fails its run, which the executions show).
     */
    record Drill(String period, String backupId, String outcome, Instant drilledAt, int tablesChecked,
                 long rowsChecked, long filesRestored, long millis) {
    }
}
