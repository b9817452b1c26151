package dev.custos.scheduler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.results.Metric;
import dev.custos.scheduler.demo.Demo;
import dev.custos.scheduler.launch.RunOutcome;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded default, no server needed: an H2 database and a local blob store under DIR, "
                + "sample inputs, every job run, the KPI summary printed. Leaves DIR/custos.properties for other commands.")
final class DemoCommand extends SpringCommand {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "custos-demo", description = "default: custos-demo")
    Path dir;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1", description = "multiply the sample sizes (default 1)")
    int scale;

    @Override
    Mode mode() {
        return Mode.RUN;
    }

    @Override
    public Integer call() {
        if (scale < 1) {
            throw new UsageException("--scale must be at least 1");
        }
        Path home = dir.toAbsolutePath().normalize();
        config = writeProperties(home);
        return super.call();
    }

    @Override
    int call(CustosContext context) {
        Path home = dir.toAbsolutePath().normalize();
        List<RunOutcome> outcomes = context.bean(Demo.class).run(home, scale);
        out().println("Custos demo: KPI summary");
        boolean allCompleted = true;
        for (RunOutcome outcome : outcomes) {
            String state = outcome.alreadyCompleted() ? "COMPLETED earlier" : outcome.status();
            out().printf("%n%s %s: %s (execution %d)%n", outcome.job(), outcome.period(), state, outcome.executionId());
            if (!outcome.completed()) {
                allCompleted = false;
                out().println("  " + outcome.message());
            }
            outcome.metrics().stream().filter(m -> m.isKpi() || m.isMissing() || isCount(m))
                    .forEach(m -> out().println("  " + OutcomePrinter.line(m)));
        }
        out().printf("%nFiles (summary.json, rejects.csv, job files): %s%n", home.resolve("out"));
        out().printf("Blob store copies under reports/: %s%n", home.resolve("store"));
        out().printf("Inputs used: %s%n", home.resolve("in"));
        out().printf("More: custos executions --config %s%n", home.resolve("custos.properties"));
        return allCompleted ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static boolean isCount(Metric metric) {
        return metric.name().startsWith("rows_");
    }

    private static Path writeProperties(Path home) {
        Path file = home.resolve("custos.properties");
        String h2 = "jdbc:h2:file:" + home.resolve("db").resolve("custos")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
        String properties = """
                # Written by 'custos demo': any command takes --config %1$s
                spring.datasource.url=%2$s
                spring.datasource.username=sa
                spring.datasource.password=
                custos.store.dir=%3$s
                custos.inbox=%4$s
                custos.outbox=%5$s
                """.formatted(file, h2, home.resolve("store"), home.resolve("in"), home.resolve("out"));
        try {
            Files.createDirectories(home);
            Files.writeString(file, properties.replace("\\", "\\\\"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
