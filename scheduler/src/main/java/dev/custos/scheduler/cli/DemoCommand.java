package dev.custos.scheduler.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.command.ControlCommandLine;
import dev.custos.common.results.Metric;
import dev.custos.scheduler.demo.Demo;
import dev.custos.scheduler.evidence.EvidenceSigningKey;
import dev.custos.scheduler.launch.RunOutcome;
import dev.custos.scheduler.report.ReportFormat;
import dev.custos.scheduler.report.ReportService;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Embedded default, no server needed: an H2 database and a local blob store under DIR, "
                + "sample inputs, every job run, the KPI summary printed. Leaves DIR/custos.properties for other commands.")
final class DemoCommand extends SpringCommand {

    /** The demo's own evidence signing key, made once in its directory (owner-only) and kept across demos. */
    static final String DEMO_SIGNING_KEY = "evidence-signing-key.pem";

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
        Demo demo = context.bean(Demo.class);
        List<RunOutcome> outcomes = demo.run(home, scale);
        out().printf("Custos demo: KPI summary of %s, replayed on sample data%n", demo.year());
        boolean allCompleted = true;
        for (int i = 0; i < outcomes.size(); i++) {
            RunOutcome outcome = outcomes.get(i);
            String state = outcome.alreadyCompleted() ? "COMPLETED earlier" : outcome.status();
            boolean lastOfItsJob = i + 1 == outcomes.size() || !outcomes.get(i + 1).job().equals(outcome.job());
            if (i == 0 || !outcomes.get(i - 1).job().equals(outcome.job())) {
                out().println();
            }
            out().printf("%s %s: %s (execution %d)%n", outcome.job(), outcome.period(), state, outcome.executionId());
            if (!outcome.completed()) {
                allCompleted = false;
                out().println("  " + outcome.message());
            }
            if (lastOfItsJob) {
                List<Metric> shown = outcome.metrics().stream().filter(DemoCommand::isHeadline).toList();
                shown.forEach(m -> out().println("  " + OutcomePrinter.line(m)));
                if (shown.size() < outcome.metrics().size()) {
                    out().printf("  (%d more figures in summary.json)%n", outcome.metrics().size() - shown.size());
                }
            }
        }
        ReportService reports = context.bean(ReportService.class);
        List<Path> report = reports.write(demo.year(), List.of(ReportFormat.HTML, ReportFormat.MD)).files();
        out().printf("%nReport of %s for managers: %s (Markdown: %s)%n", demo.year(), report.get(0), report.get(1));
        out().printf("Files (summary.json, rejects.csv, job files): %s%n", home.resolve("out"));
        out().printf("Blob store copies under reports/: %s%n", home.resolve("store"));
        out().printf("Inputs used: %s%n", home.resolve("in"));
        out().printf("More: custos executions --config %s%n", home.resolve("custos.properties"));
        return allCompleted ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** KPIs, missing figures and row counts, without their breakdowns (per department, month, ...). */
    private static boolean isHeadline(Metric metric) {
        return !metric.name().contains(".")
                && (metric.isKpi() || metric.isMissing() || metric.name().startsWith("rows_"));
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
                custos.evidence.signing-key=%6$s
                """.formatted(file, h2, home.resolve("store"), home.resolve("in"), home.resolve("out"),
                home.resolve(DEMO_SIGNING_KEY));
        try {
            Files.createDirectories(home);
            if (!Files.exists(home.resolve(DEMO_SIGNING_KEY))) {
                EvidenceSigningKey.create(home.resolve(DEMO_SIGNING_KEY));
            }
            StringBuilder controlSettings = new StringBuilder();
            for (ControlCommandLine control : CustosCommandLine.controls()) {
                for (Map.Entry<String, String> setting : control.demoSettings(home).entrySet()) {
                    controlSettings.append(setting.getKey()).append('=').append(setting.getValue()).append('\n');
                }
            }
            Files.writeString(file, (properties + controlSettings).replace("\\", "\\\\"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
