package dev.custos.jobs.backup;

import dev.custos.jobs.backup.archive.BackupArchiveReader;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupVerificationException;

/**
 * The verdict on one backup. When not verified, {@code object} is the key of the first object at
 * fault (manifest or archive), {@code entry} the archive entry when one is, and {@code problem} says
 * what is wrong.
 */
public record VerificationResult(String backupId, boolean verified, String object, String entry, String problem,
                                 long storedBytes, long entries) {

    static VerificationResult verified(String backupId, String archiveKey, BackupArchiveReader.Proof proof) {
        return new VerificationResult(backupId, true, archiveKey, null, null, proof.storedBytes(), proof.entries());
    }

    static VerificationResult failed(String backupId, BackupVerificationException e) {
        return new VerificationResult(backupId, false, e.object(), e.entry(), e.problem(), 0, 0);
    }

    /** One line for an operator: what was proven, or which object is bad and why. */
    public String message() {
        if (verified) {
            return "backup " + backupId + " verified: " + entries + " entries, " + storedBytes
                    + " stored bytes re-read and matching " + BackupManifest.manifestKey(backupId);
        }
        return "backup " + backupId + " failed verification: " + object + (entry == null ? "" : " entry " + entry)
                + ": " + problem;
    }
}
