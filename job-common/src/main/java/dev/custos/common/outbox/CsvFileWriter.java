package dev.custos.common.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one RFC 4180 CSV file (UTF-8, LF line ends, header first), row by row, into a temporary
 * file beside it that {@link #close()} moves into place ({@link SafeFiles}). A file meant for
 * people, who open it in a spreadsheet, is made with {@link #forPeople}: its text cells are
 * neutralised ({@link FormulaNeutraliser}); a file for machines keeps every value as it is.
 */
public final class CsvFileWriter implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Path file;
    private final Path temp;
    private final CSVPrinter printer;
    /* Set once, by forPeople, before the first row. */
    private UnaryOperator<Object> cells = UnaryOperator.identity();

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

    /**
     * A file opened by people in a spreadsheet: a text cell starting {@code = + - @}, tab, carriage
     * return or NUL is written with a leading {@code '} so that it cannot run as a formula; numbers
     * (pass them as {@link Number}) are written as they are.
     */
    public static CsvFileWriter forPeople(Path file, String... header) {
        CsvFileWriter writer = new CsvFileWriter(file, header);
        writer.cells = FormulaNeutraliser::cell;
        return writer;
    }

    public void row(Object... values) {
        try {
            printer.printRecord(Arrays.stream(values).map(cells).toArray());
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
