package dev.custos.scheduler.cli;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.scheduler.report.ReportFormat;
import dev.custos.scheduler.report.ReportService;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the KPI report of a month, quarter or year that is over (in custos.zone): every control's KPIs with target, value, "
                + "met or missed and trend, charts, failures and reruns, links to the job files. Written to "
                + "<outbox>/report/<period>/ and the blob store under reports/.")
final class ReportCommand extends SpringCommand {

    @Option(names = "--period", paramLabel = "P", required = true, description = "e.g. 2026, 2026-Q4, 2026-11")
    String period;

    @Option(names = "--format", paramLabel = "md|html", defaultValue = "html", description = "md or html (default html)")
    ReportFormat format;

    @Option(names = "--out", paramLabel = "FILE", description = "also write the report to FILE")
    Path out;

    @Override
    Mode mode() {
        return Mode.READ_ONLY;
    }

    @Override
    public Integer call() {
        Period parsed = Period.parse(period);
        if (parsed.type() == PeriodType.DAY) {
            throw new UsageException("custos report covers a month, quarter or year, not the day '" + parsed + "'");
        }
        return super.call();
    }

    @Override
    int call(CustosContext context) {
        ReportService reports = context.bean(ReportService.class);
        reports.requireOver(Period.parse(period));
        ReportService.Written written = reports.write(Period.parse(period), format, out);
        out().printf("KPI report %s: %s%n", period, written.report().tally());
        written.files().forEach(file -> out().println("written: " + file.toAbsolutePath().normalize()));
        return ExitCodes.OK;
    }
}
