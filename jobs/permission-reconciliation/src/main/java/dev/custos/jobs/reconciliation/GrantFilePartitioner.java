package dev.custos.jobs.reconciliation;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.custos.common.InputFileException;
import dev.custos.common.csv.InputFiles;

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

    /** @throws InputFileException when a grant file is a symbolic link or not a regular file */
    private List<String> grantFiles() {
        return InputFiles.matching(inbox, ReconciliationInputs.GRANTS).stream()
                .map(path -> path.getFileName().toString())
                .toList();
    }
}
