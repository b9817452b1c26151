package dev.custos.scheduler.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The executable jar operators run: it holds the four controls and the Quartz tables, and none of
 * the fifth control that only the scheduler's tests depend on.
 */
class ProductionJarIT {

    private static List<String> entries() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("custos.jar")).toFile())) {
            return jar.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void productionJarHoldsNoFixtureControl() throws IOException {
        List<String> entries = entries();

        assertThat(entries).as("the four controls").anyMatch(e -> e.matches("BOOT-INF/lib/backup-.*\\.jar"))
                .anyMatch(e -> e.matches("BOOT-INF/lib/audit-rollup-.*\\.jar"));
        assertThat(entries).noneMatch(e -> e.contains("fifth-control") || e.contains("keyrotation"));
    }

    @Test
    void productionJarHoldsTheQuartzTablesInTheSchedulersClasses() throws IOException {
        assertThat(entries()).contains("BOOT-INF/classes/db/migration/mariadb/V2__quartz.sql",
                "BOOT-INF/classes/db/migration/h2/V2__quartz.sql", "BOOT-INF/classes/custos-quartz-defaults.properties");
    }
}
