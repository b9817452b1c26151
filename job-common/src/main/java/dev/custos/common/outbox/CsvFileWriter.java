package dev.custos.common.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one RFC 4180 CSV file (UTF-8, LF line ends, header first), row by row, into a temporary
 * file beside it that {@link #close()} moves into place ({@link SafeFiles}).
 */
public final class CsvFileWriter implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Path file;
    private final Path temp;
    private final CSVPrinter printer;

    public CsvFileWriter(Path file, String... header) {
        this.file = file;
        this.temp = SafeFiles.temporarySibling(file);
        try {
            this.printer = new CSVPrinter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), FORMAT);
            printer.printRecord((Object[]) header);
        } catch (IOException e) {
            deleteTemp(e);
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public void row(Object... values) {
        try {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            printer.close(true);
            SafeFiles.moveIntoPlace(temp, file);
        } catch (IOException e) {
            deleteTemp(e);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void deleteTemp(IOException failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
