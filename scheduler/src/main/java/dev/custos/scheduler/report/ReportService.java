package dev.custos.scheduler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.outbox.SafeFiles;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.report.KpiReport;
import dev.custos.common.report.ReportSection;
import dev.custos.common.results.PeriodKpis;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;
import dev.custos.scheduler.evidence.PeriodNotOverException;

/**
 * {@code custos report}: the KPI report of a period, written to {@code <outbox>/report/<period>/},
 * kept in the blob store under {@code reports/report/<period>/}, and written to a file of the
 * operator's choice when asked. Reads the results schema only.
 */
@Component
public class ReportService {

    public static final String FOLDER = "report";

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final List<Control> controls;
    private final List<PeriodKpis> periodKpis;
    private final List<ReportSection> sections;
    private final CustosProperties properties;
    private final BlobStore store;

    public ReportService(JdbcTemplate jdbc, ResultsSchema schema, List<Control> controls,
                         ObjectProvider<PeriodKpis> periodKpis, ObjectProvider<ReportSection> sections,
                         CustosProperties properties, BlobStore store) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.controls = controls;
        this.periodKpis = periodKpis.stream().toList();
        this.sections = sections.stream().toList();
        this.properties = properties;
        this.store = store;
    }

    /**
     * The report of {@code period} as {@code custos report} writes it to the outbox, written nowhere.
     *
     * @throws PeriodNotOverException when {@code period} is not over yet
     */
    public String render(Period period, ReportFormat format) {
        if (period.type() == PeriodType.DAY) {
            throw new InvalidPeriodException("a report covers a month, quarter or year, not the day '" + period + "'");
        }
        requireOver(period);
        Path folder = properties.outbox().resolve(FOLDER).resolve(period.toString());
        return format.render(build(period), ReportLinks.base(folder, properties.outbox()));
    }

    /**
     * A report is written for a period that is over, so that it never looks final while incomplete.
     *
     * @throws PeriodNotOverException when {@code period} is not over yet
     */
    public void requireOver(Period period) {
        PeriodNotOverException.requireOver(period, LocalDate.now(properties.zone()), properties.zone(),
                "its report can be written");
    }

    /** The files written, the outbox's first; {@code out} may be null. */
    public Written write(Period period, ReportFormat format, Path out) {
        KpiReport report = build(period);
        List<Path> files = new ArrayList<>(List.of(toOutbox(period, report, format)));
        if (out != null) {
            write(out, format.render(report, ReportLinks.base(out.toAbsolutePath().normalize().getParent(),
                    properties.outbox())));
            files.add(out);
        }
        return new Written(report, files);
    }

    /** The report, built once, in each of {@code formats} to the outbox and the blob store; the files in that order. */
    public Written write(Period period, List<ReportFormat> formats) {
        KpiReport report = build(period);
        return new Written(report, formats.stream().map(format -> toOutbox(period, report, format)).toList());
    }

    private KpiReport build(Period period) {
        Instant now = Instant.now();
        return new PeriodReportBuilder(jdbc, schema, controls, periodKpis, sections)
                .build(period, LocalDate.ofInstant(now, properties.zone()), now, properties.outbox());
    }

    private Path toOutbox(Period period, KpiReport report, ReportFormat format) {
        Path folder = SafeFiles.folder(properties.outbox(), FOLDER, period.toString());
        Path file = folder.resolve(format.fileName());
        write(file, format.render(report, ReportLinks.base(folder, properties.outbox())));
        store.put("reports/" + FOLDER + "/" + period + "/" + format.fileName(), file);
        return file;
    }

    /** {@code --out} may name a file in a folder not made yet; the folder is the operator's choice. */
    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().normalize().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        SafeFiles.writeAtomically(file, text);
    }

    /** The report and where it went. */
    public record Written(KpiReport report, List<Path> files) {
    }
}
