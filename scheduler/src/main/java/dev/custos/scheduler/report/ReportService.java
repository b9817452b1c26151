package dev.custos.scheduler.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.custos.common.job.Control;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.Period;
import dev.custos.common.report.KpiReport;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.ResultsSchema;
import dev.custos.common.store.BlobStore;

/**
 * {@code custos report}: the KPI report of a period, written to {@code <outbox>/report/<period>/},
 * kept in the blob store under {@code reports/report/<period>/}, and written to a file of the
 * operator's choice when asked. Reads the results schema only.
 */
@Component
public class ReportService {

    public static final String FOLDER = "report";

    private final ResultsRepository results;
    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private final List<Control> controls;
    private final CustosProperties properties;
    private final BlobStore store;

    public ReportService(ResultsRepository results, JdbcTemplate jdbc, ResultsSchema schema, List<Control> controls,
                         CustosProperties properties, BlobStore store) {
        this.results = results;
        this.jdbc = jdbc;
        this.schema = schema;
        this.controls = controls;
        this.properties = properties;
        this.store = store;
    }

    /** The files written, the outbox's first; {@code out} may be null. */
    public Written write(Period period, ReportFormat format, Path out) {
        Path outbox = properties.outbox();
        Path folder = outbox.resolve(FOLDER).resolve(period.toString());
        Path inOutbox = folder.resolve(format.fileName());
        KpiReport report = build(period, outbox, folder);
        List<Path> files = new ArrayList<>();
        write(inOutbox, format.render(report));
        files.add(inOutbox);
        store.put("reports/" + FOLDER + "/" + period + "/" + format.fileName(), inOutbox);
        if (out != null) {
            Path parent = out.toAbsolutePath().normalize().getParent();
            write(out, format.render(build(period, outbox, parent)));
            files.add(out);
        }
        return new Written(report, files);
    }

    private KpiReport build(Period period, Path outbox, Path reportDir) {
        LocalDate today = LocalDate.now(properties.zone());
        return new PeriodReportBuilder(results, jdbc, schema, controls)
                .build(period, today, LocalDateTime.now(properties.zone()), outbox, reportDir);
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().normalize().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The report and where it went. */
    public record Written(KpiReport report, List<Path> files) {
    }
}
