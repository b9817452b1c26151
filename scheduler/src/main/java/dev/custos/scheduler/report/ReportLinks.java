package dev.custos.scheduler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * of a report, relative to the outbox: the report is rendered with the way from its folder to the
 * outbox, so that the links work wherever the outbox is copied; each names the file's path in the
 * outbox and its key in the blob store, so that a report mailed alone still says where the file
 * is. Days are linked in a month's report only (a year has hundreds).
 */
final class ReportLinks {

    /** Where {@code Outbox.copyToStore} keeps a job's files in the blob store. */
    private static final String STORE_PREFIX = "reports/";

    private ReportLinks() {
    }

    static List<KpiReport.Link> of(Map<String, List<Period>> published, Period period, Path outbox) {
        List<KpiReport.Link> links = new ArrayList<>();
        published.forEach((job, periods) -> {
            for (Period p : periods) {
                if (p.type() == PeriodType.DAY && period.type() != PeriodType.MONTH) {
                    continue;
                }
                for (Path file : files(outbox.resolve(job).resolve(p.toString()))) {
                    String path = job + "/" + p + "/" + file.getFileName();
                    links.add(new KpiReport.Link(job + " " + p + " " + file.getFileName(), path,
                            file.toAbsolutePath().normalize().toString(), STORE_PREFIX + path));
                }
            }
        });
        return links;
    }

    /** The way from {@code dir} to {@code outbox} to put before the links' hrefs: {@code ../../}, or empty. */
    static String base(Path dir, Path outbox) {
        Path relative = dir.toAbsolutePath().normalize().relativize(outbox.toAbsolutePath().normalize());
        String base = relative.toString().replace('\\', '/');
        return base.isEmpty() ? "" : base + "/";
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && !file.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
