package dev.custos.common.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import dev.custos.common.InputFileException;

/**
 * Reads an input file, or every part of one ({@code access_grants*.csv}, in sorted name order),
 * from the inbox and yields one {@link ParsedRow} per data record: accepted with the mapper's
 * value, or rejected with the reason (wrong number of fields, or the mapper's
 * {@link RowRejectedException}). Nothing is dropped: rows read = accepted + rejected.
 *
 * <p>Every file's header is checked when the reader opens, before the first row is read, so a
 * missing file or column fails the step before anything is written. Files are streamed as UTF-8
 * with or without BOM; a file that cannot be parsed on (an unterminated quote, invalid UTF-8)
 * fails the step with an {@link InputFileException} naming the file and line. Those exceptions
 * reach the caller as they are, not wrapped in an {@link ItemStreamException}, so their message is
 * what the operator sees.
 *
 * <p>Restart: the item count is saved on {@link #update}; a reader opened with that context reads
 * (and maps) the committed rows again without yielding them, then continues with the next one.
 * Because the skipped rows pass through the same stream, {@link #fileStats()} covers whole files
 * either way. The statistics of the files finished so far are saved in the context too; on restart
 * a finished file whose SHA-256 changed since fails the step, since continuing by item count would
 * then skip the wrong rows.
 *
 * <p>Only regular files directly in the inbox are read ({@link InputFiles}): a symbolic link, a
 * directory or a pipe under an input's name fails the step naming it. Field and record sizes are
 * bounded by {@link CsvLimits}.
 *
 * <p>The execution-context keys are prefixed with the reader's name, which defaults to the file
 * name or glob.
 */
public class CsvItemReader<T> extends AbstractItemCountingItemStreamItemReader<ParsedRow<T>> {

    private static final String GLOB_CHARACTERS = "*?[{";

    private final Path inbox;
    private final String fileOrGlob;
    private final CsvLayout layout;
    private final CsvRowMapper<T> mapper;
    private final CsvLimits limits;
    private final Map<String, FileStats> fileStats = new LinkedHashMap<>();

    private Map<String, FileStats> earlierRun = Map.of();
    private List<Path> files = List.of();
    private int nextFile;
    private CsvFileCursor current;

    /** Reads the file (or glob) named by the layout. */
    public CsvItemReader(Path inbox, CsvLayout layout, CsvRowMapper<T> mapper, CsvLimits limits) {
        this(inbox, layout.file(), layout, mapper, limits);
    }

    /**
     * @param inbox      the directory holding the files
     * @param fileOrGlob a file name, or a glob matched against the names in {@code inbox}
     */
    public CsvItemReader(Path inbox, String fileOrGlob, CsvLayout layout, CsvRowMapper<T> mapper, CsvLimits limits) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        if (fileOrGlob == null || fileOrGlob.isBlank() || fileOrGlob.contains("/") || fileOrGlob.contains("\\")) {
            throw new IllegalArgumentException("expected a file name or glob without directory, not '" + fileOrGlob + "'");
        }
        this.fileOrGlob = fileOrGlob;
        this.layout = Objects.requireNonNull(layout, "layout");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.limits = Objects.requireNonNull(limits, "limits");
        setName(fileOrGlob);
    }

    /**
     * Size, SHA-256 and rows read of every file read to its end so far, in reading order, keyed
     * by file name. Still available after {@link #close()}; cleared when the reader is opened.
     */
    public Map<String, FileStats> fileStats() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(fileStats));
    }

    @Override
    public void open(ExecutionContext executionContext) {
        earlierRun = isSaveState() ? loadFileStats(executionContext) : Map.of();
        try {
            super.open(executionContext);
        } catch (ItemStreamException e) {
            if (e.getCause() instanceof InputFileException inputFileException) {
                throw inputFileException;
            }
            throw e;
        }
    }

    @Override
    public void update(ExecutionContext executionContext) {
        super.update(executionContext);
        if (isSaveState()) {
            saveFileStats(executionContext);
        }
    }

    @Override
    protected void doOpen() throws IOException {
        fileStats.clear();
        nextFile = 0;
        files = matchingFiles();
        for (Path file : files) {
            CsvFileCursor.open(file, layout, limits).close();
        }
    }

    @Override
    protected ParsedRow<T> doRead() throws IOException {
        while (true) {
            if (current == null) {
                if (nextFile == files.size()) {
                    return null;
                }
                current = CsvFileCursor.open(files.get(nextFile++), layout, limits);
            }
            ParsedRow<T> row = current.next(mapper);
            if (row != null) {
                return row;
            }
            finishCurrentFile();
        }
    }

    @Override
    protected void doClose() throws IOException {
        files = List.of();
        if (current != null) {
            CsvFileCursor closing = current;
            current = null;
            closing.close();
        }
    }

    private void finishCurrentFile() throws IOException {
        FileStats stats = current.finish();
        current.close();
        current = null;
        FileStats before = earlierRun.get(stats.file());
        if (before != null && !before.sha256().equals(stats.sha256())) {
            throw new InputFileException(stats.file() + " changed since the interrupted run (SHA-256 was "
                    + before.sha256() + ", now " + stats.sha256()
                    + "): a restart would skip the wrong rows; run the period again as a rerun instead");
        }
        fileStats.put(stats.file(), stats);
    }

    private List<Path> matchingFiles() {
        if (fileOrGlob.chars().noneMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0)) {
            return List.of(InputFiles.regularFile(inbox, fileOrGlob));
        }
        List<Path> matching = InputFiles.matching(inbox, fileOrGlob);
        if (matching.isEmpty()) {
            throw new InputFileException("no " + fileOrGlob + " in " + inbox.toAbsolutePath());
        }
        return matching;
    }

    private void saveFileStats(ExecutionContext context) {
        context.putInt(getExecutionContextKey("files"), fileStats.size());
        int index = 0;
        for (FileStats stats : fileStats.values()) {
            String prefix = "files." + index++ + ".";
            context.putString(getExecutionContextKey(prefix + "name"), stats.file());
            context.putLong(getExecutionContextKey(prefix + "bytes"), stats.bytes());
            context.putString(getExecutionContextKey(prefix + "sha256"), stats.sha256());
            context.putLong(getExecutionContextKey(prefix + "rows"), stats.rowsRead());
        }
    }

    private Map<String, FileStats> loadFileStats(ExecutionContext context) {
        Map<String, FileStats> saved = new LinkedHashMap<>();
        int count = context.getInt(getExecutionContextKey("files"), 0);
        for (int index = 0; index < count; index++) {
            String prefix = "files." + index + ".";
            String file = context.getString(getExecutionContextKey(prefix + "name"));
            saved.put(file, new FileStats(file, context.getLong(getExecutionContextKey(prefix + "bytes")),
                    context.getString(getExecutionContextKey(prefix + "sha256")),
                    context.getLong(getExecutionContextKey(prefix + "rows"))));
        }
        return saved;
    }
}
