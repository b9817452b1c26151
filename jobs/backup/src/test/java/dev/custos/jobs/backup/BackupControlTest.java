package dev.custos.jobs.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.custos.common.period.Period;

class BackupControlTest {

    private final BackupControl control = new BackupControl();

    @Test
    void aBackupCoversTheDayItRunsOnAndRunsDailyAtOneThirty() {
        assertThat(control.defaultPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.scheduledPeriod(LocalDate.of(2026, 11, 24))).isEqualTo(Period.parse("2026-11-24"));
        assertThat(control.defaultCron()).isEqualTo("0 30 1 * * ?");
        assertThat(control.detailTables()).as("backup_object records every stored backup, a superseded run's too")
                .isEmpty();
    }

    @Test
    void sampleInputsAreTheSameCustomerDocumentsForTheSameSeed(@TempDir Path dir) throws Exception {
        control.writeSampleInputs(dir.resolve("a"), Period.parse("2026-11-24"), 2, 7);
        control.writeSampleInputs(dir.resolve("b"), Period.parse("2026-11-24"), 2, 7);

        assertThat(files(dir.resolve("a"))).hasSize(81).isEqualTo(files(dir.resolve("b")));
        assertThat(dir.resolve("a/customers/C00040/contract.txt")).content().startsWith("Customer C00040");
        assertThat(Files.mismatch(dir.resolve("a/customers/C00001/statement-2026-11-24.bin"),
                dir.resolve("b/customers/C00001/statement-2026-11-24.bin"))).isEqualTo(-1);
    }

    private static List<String> files(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}
