package dev.custos.scheduler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.KpiReport;

/**
 * Links to the files the jobs left in the outbox ({@code <job>/<period>/<file>}) for the periods
 * of a report, relative to the report's folder so that they work wherever the outbox is copied.
 * Days are linked in a month's report only (a year has hundreds).
 */
final class ReportLinks {

    private ReportLinks() {
    }

    static List<KpiReport.Link> of(Map<String, List<Period>> published, Period period, Path outbox, Path reportDir) {
        List<KpiReport.Link> links = new ArrayList<>();
        Path from = reportDir.toAbsolutePath().normalize();
        published.forEach((job, periods) -> {
            for (Period p : periods) {
                if (p.type() == PeriodType.DAY && period.type() != PeriodType.MONTH) {
                    continue;
                }
                Path folder = outbox.resolve(job).resolve(p.toString()).toAbsolutePath().normalize();
                for (Path file : files(folder)) {
                    links.add(new KpiReport.Link(job + " " + p + " " + file.getFileName(),
                            from.relativize(file).toString().replace('\\', '/')));
                }
            }
        });
        return links;
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
