package dev.custos.common.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.custos.common.results.RejectRow;
import dev.custos.common.store.BlobStore;

/**
 * The files a run leaves for people: {@code <outbox>/<job>/<period>/<file>}, each also kept in
 * the blob store under {@code reports/<job>/<period>/<file>}.
 */
public class Outbox {

    public static final String SUMMARY = "summary.json";
    public static final String REJECTS = "rejects.csv";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final BlobStore store;

    public Outbox(BlobStore store) {
        this.store = store;
    }

    /**
     * The run's folder, created when missing; files of an earlier attempt at the same period are
     * replaced one by one as they are written.
     *
     * @throws SafeFiles.UnsafeOutputException when the job's or the period's folder is a symbolic link
     */
    public Path folder(Path outboxRoot, String job, String period) {
        return SafeFiles.folder(outboxRoot, job, period);
    }

    public void writeSummary(Path folder, Summary summary) {
        SafeFiles.writeAtomically(folder.resolve(SUMMARY), JSON.writeValueAsString(summary) + "\n");
    }

    /** Writes {@code rejects.csv} when a row was rejected, and removes a stale one otherwise. */
    public void writeRejects(Path folder, List<RejectRow> rejects) {
        Path file = folder.resolve(REJECTS);
        if (rejects.isEmpty()) {
            deleteIfExists(file);
            return;
        }
        try (CsvFileWriter csv = CsvFileWriter.forPeople(file, "file", "line", "reason")) {
            rejects.forEach(r -> csv.row(r.file(), r.line(), r.reason()));
        }
    }

    public static Summary readSummary(Path file) {
        return JSON.readValue(file.toFile(), Summary.class);
    }

    /**
     * Copies every file of the run's folder to {@code reports/<job>/<period>/} in the blob store:
     * regular files only, not what a symbolic link planted there points to, nor the hidden
     * temporary files of a write under way.
     */
    public void copyToStore(Path folder, String job, String period) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !file.getFileName().toString().startsWith(".")).sorted().toList()) {
                store.put("reports/" + job + "/" + period + "/" + file.getFileName(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read outbox folder " + folder, e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
