package dev.custos.jobs.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.InputFileException;

/**
 * One partition per {@code access_grants*.csv} of the inbox, so that the exports (usually one per
 * system) are imported side by side. Partitions are named after their file and numbered in the
 * order of the names; the number, not the name, identifies the file in the staged rows.
 */
final class GrantFilePartitioner implements Partitioner {

    static final String FILE = "file";
    static final String FILE_NUMBER = "fileNumber";

    private final Path inbox;

    GrantFilePartitioner(Path inbox) {
        this.inbox = inbox;
    }

    /** @throws InputFileException when the inbox holds no grant file */
    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        List<String> files = grantFiles();
        if (files.isEmpty()) {
            throw new InputFileException("no " + ReconciliationInputs.GRANTS + " in " + inbox.toAbsolutePath());
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FILE, files.get(i));
            context.putInt(FILE_NUMBER, i + 1);
            partitions.put(files.get(i), context);
        }
        return partitions;
    }

    private List<String> grantFiles() {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + ReconciliationInputs.GRANTS);
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(inbox)) {
            return entries
                    .filter(path -> matcher.matches(path.getFileName()) && Files.isRegularFile(path))
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + inbox, e);
        }
    }
}
