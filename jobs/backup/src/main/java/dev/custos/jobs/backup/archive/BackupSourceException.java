package dev.custos.jobs.backup.archive;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.custos.common.CustosException;

/**
 * A source could not be read: a file of a directory source (permission denied, removed while the
 * backup ran) or a table of a JDBC source. Not a store failure, so the archive is not retried: the
 * operator has to fix the source first. The message names the source and the file or table.
 */
public final class BackupSourceException extends CustosException {

    public BackupSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Reading {@code path} of the directory source {@code source} failed. */
    public static BackupSourceException reading(String source, Path path, IOException failure) {
        return new BackupSourceException("backup source '" + source + "': cannot read " + path + ": "
                + reason(failure) + "; make it readable to the backup (or move it out of the source), then restart"
                + " the run", failure);
    }

    private static String reason(IOException failure) {
        if (failure instanceof NoSuchFileException) {
            return "it was removed while the backup ran";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        return failure.getMessage();
    }
}
