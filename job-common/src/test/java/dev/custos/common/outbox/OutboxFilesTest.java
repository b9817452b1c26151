package dev.custos.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.results.Metric;
import dev.custos.common.results.RunWarning;
import dev.custos.common.results.RejectRow;
import dev.custos.common.store.BlobInfo;
import dev.custos.common.store.LocalDirBlobStore;

/**
 * Outbox files are written to a temporary file beside them and moved into place: a symbolic link
 * planted where one goes is replaced, and what it pointed to stays as it was.
 */
class OutboxFilesTest {

    @TempDir
    Path root;
    @TempDir
    Path elsewhere;

    private Outbox outbox;
    private Path outboxRoot;
    private Path victim;

    @BeforeEach
    void setUp() throws IOException {
        outbox = new Outbox(new LocalDirBlobStore(root.resolve("store")));
        outboxRoot = root.resolve("out");
        victim = Files.writeString(elsewhere.resolve("victim.txt"), "precious\n");
    }

    @Test
    void plantedLinkForSummaryJsonIsReplacedAndItsTargetLeftUnchanged() throws IOException {
        Path folder = outbox.folder(outboxRoot, "training-coverage", "2026-Q3");
        Files.createSymbolicLink(folder.resolve(Outbox.SUMMARY), victim);

        outbox.writeSummary(folder, new Summary("training-coverage", "2026-Q3", "COMPLETED", 7,
                List.of(Metric.count("in_scope", 3))));

        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(folder.resolve(Outbox.SUMMARY))).isFalse();
        assertThat(Outbox.readSummary(folder.resolve(Outbox.SUMMARY)).executionId()).isEqualTo(7);
        assertThat(leftovers(folder)).as("no temporary file left").containsExactly(folder.resolve(Outbox.SUMMARY));
    }

    @Test
    void summaryCarriesItsWarningsAndLeavesTheKeyOutWhenThereIsNone() throws IOException {
        Path flagged = outbox.folder(outboxRoot, "permission-reconciliation", "2025-02");
        Path clean = outbox.folder(outboxRoot, "permission-reconciliation", "2025-03");
        RunWarning reused = new RunWarning("input_reused_from", "2025-01", "the input files are January's");

        outbox.writeSummary(flagged, new Summary("permission-reconciliation", "2025-02", "COMPLETED", 8,
                List.of(Metric.count("grants", 3)), List.of(reused)));
        outbox.writeSummary(clean, new Summary("permission-reconciliation", "2025-03", "COMPLETED", 9,
                List.of(Metric.count("grants", 3))));

        assertThat(Outbox.readSummary(flagged.resolve(Outbox.SUMMARY)).warnings()).containsExactly(reused);
        assertThat(Files.readString(flagged.resolve(Outbox.SUMMARY))).contains("\"warnings\"");
        assertThat(Files.readString(clean.resolve(Outbox.SUMMARY))).doesNotContain("warnings");
        assertThat(Outbox.readSummary(clean.resolve(Outbox.SUMMARY)).warnings()).isEmpty();
    }

    @Test
    void plantedLinkForACsvFileIsReplacedAndItsTargetLeftUnchanged() throws IOException {
        Path folder = outbox.folder(outboxRoot, "training-coverage", "2026-Q3");
        Files.createSymbolicLink(folder.resolve(Outbox.REJECTS), victim);

        outbox.writeRejects(folder, List.of(new RejectRow("hr_roster.csv", 3, "blank employee_id")));

        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(folder.resolve(Outbox.REJECTS))).isFalse();
        assertThat(Files.readString(folder.resolve(Outbox.REJECTS)))
                .isEqualTo("file,line,reason\nhr_roster.csv,3,blank employee_id\n");
    }

    @Test
    void plantedLinkForAJobsFileIsReplacedAndItsTargetLeftUnchanged() throws IOException {
        Path folder = outbox.folder(outboxRoot, "audit-rollup", "2025");
        Files.createSymbolicLink(folder.resolve("summary.html"), victim);

        SafeFiles.writeAtomically(folder.resolve("summary.html"), "<html></html>\n");

        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.readString(folder.resolve("summary.html"))).isEqualTo("<html></html>\n");
    }

    @Test
    void periodFolderThatIsALinkElsewhereIsRefusedAndNothingIsWrittenThere() throws IOException {
        Files.createDirectories(outboxRoot.resolve("audit-rollup"));
        Files.createSymbolicLink(outboxRoot.resolve("audit-rollup").resolve("2025"), elsewhere);

        assertThatThrownBy(() -> outbox.folder(outboxRoot, "audit-rollup", "2025"))
                .isInstanceOf(SafeFiles.UnsafeOutputException.class)
                .hasMessage(outboxRoot.resolve("audit-rollup").resolve("2025") + " is a symbolic link: Custos writes"
                        + " only into real folders below " + outboxRoot + " and never follows a link out of them;"
                        + " remove the link");
        assertThat(leftovers(elsewhere)).containsExactly(victim);
    }

    @Test
    void jobFolderThatIsALinkIsRefusedToo() throws IOException {
        Files.createDirectories(outboxRoot);
        Files.createSymbolicLink(outboxRoot.resolve("audit-rollup"), elsewhere);

        assertThatThrownBy(() -> outbox.folder(outboxRoot, "audit-rollup", "2025"))
                .isInstanceOf(SafeFiles.UnsafeOutputException.class)
                .hasMessageStartingWith(outboxRoot.resolve("audit-rollup") + " is a symbolic link");
        assertThat(Files.exists(elsewhere.resolve("2025"))).isFalse();
    }

    @Test
    void failedWriteLeavesTheEarlierFileAndNoTemporaryFile() throws IOException {
        Path folder = outbox.folder(outboxRoot, "audit-rollup", "2025");
        Path file = Files.writeString(folder.resolve("summary.md"), "earlier\n");

        assertThatThrownBy(() -> SafeFiles.writeAtomically(file, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).hasMessageContaining("disk full");

        assertThat(Files.readString(file)).isEqualTo("earlier\n");
        assertThat(leftovers(folder)).containsExactly(file);
    }

    @Test
    void copyToStoreTakesRegularFilesOnlyNotWhatAPlantedLinkPointsTo() throws IOException {
        Path folder = outbox.folder(outboxRoot, "audit-rollup", "2025");
        outbox.writeSummary(folder, new Summary("audit-rollup", "2025", "COMPLETED", 7, List.of()));
        Files.createSymbolicLink(folder.resolve("extra.txt"), victim);
        LocalDirBlobStore store = new LocalDirBlobStore(root.resolve("store"));

        outbox.copyToStore(folder, "audit-rollup", "2025");

        assertThat(store.list("reports/audit-rollup/2025/")).extracting(BlobInfo::key)
                .containsExactly("reports/audit-rollup/2025/summary.json");
    }

    private static List<Path> leftovers(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
