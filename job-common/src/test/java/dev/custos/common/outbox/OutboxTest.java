package dev.custos.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.results.RejectRow;
import dev.custos.common.store.LocalDirBlobStore;

class OutboxTest {

    @TempDir
    Path dir;

    /** People open rejects.csv to fix their exports: it is neutralised like the jobs' files for people. */
    @Test
    void rejectsCsvWritesFormulaCellsAsTextAndKeepsTheLineNumber() throws IOException {
        Outbox outbox = new Outbox(new LocalDirBlobStore(dir.resolve("store")));
        Path folder = outbox.folder(dir.resolve("out"), "a-job", "2026-11");

        outbox.writeRejects(folder, List.of(new RejectRow("=x.csv", 2, "@SUM(1+1) is not a date")));

        assertThat(Files.readAllLines(folder.resolve(Outbox.REJECTS)))
                .containsExactly("file,line,reason", "'=x.csv,2,'@SUM(1+1) is not a date");
    }
}
