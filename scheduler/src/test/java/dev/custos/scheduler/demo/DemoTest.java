package dev.custos.scheduler.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The demo lays out what the controls contribute ({@code SampleInputs}) and knows no control:
 * what a job's demo needs beside its inbox (the backup's customer database) comes with the job.
 */
class DemoTest {

    private static final Path DEMO_SOURCES = Path.of("src/main/java/dev/custos/scheduler/demo");

    @Test
    void theDemoImportsNoJobAndHasNoBranchForOne() throws Exception {
        List<Path> sources;
        try (Stream<Path> files = Files.list(DEMO_SOURCES)) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(Files.readString(source)).as(source.toString())
                    .doesNotContain("import dev.custos.jobs.", "JOB_NAME", "jobName().equals(");
        }
    }
}
