package dev.custos.scheduler.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.common.results.ResultsRepository;
import dev.custos.common.results.RunFilter;
import dev.custos.common.results.RunRow;
import dev.custos.scheduler.evidence.PeriodNotOverException;
import dev.custos.scheduler.report.ReportFormat;
import dev.custos.scheduler.report.ReportService;

/**
 * The KPIs page: a period's KPI report (the one {@code custos report} writes, built from the
 * results schema as it stands) shown inside the page, and its Markdown and HTML to download.
 * The periods offered are those with a completed run, and their years.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class KpiPages {

    private static final int RUNS_FOR_PERIODS = 1000;

    private final ReportService reports;
    private final ResultsRepository results;
    private final CustosProperties properties;

    KpiPages(ReportService reports, ResultsRepository results, CustosProperties properties) {
        this.reports = reports;
        this.results = results;
        this.properties = properties;
    }

    @GetMapping("/kpis")
    String kpis(@RequestParam(required = false) String period, Model model) {
        List<Period> periods = periods();
        model.addAttribute("periods", periods.stream().map(Period::toString).toList());
        try {
            Period shown = period == null || period.isBlank()
                    ? periods.stream().findFirst().orElse(Period.lastClosed(PeriodType.YEAR, LocalDate.now(properties.zone())))
                    : Period.parse(period.strip());
            model.addAttribute("period", shown.toString());
            model.addAttribute("report", ReportHtml.body(reports.render(shown, ReportFormat.HTML)));
        } catch (InvalidPeriodException e) {
            model.addAttribute("period", period);
            model.addAttribute("problem", e.getMessage());
        }
        return "kpis";
    }

    @GetMapping("/kpis/report")
    ResponseEntity<byte[]> download(@RequestParam String period, @RequestParam(defaultValue = "md") String format) {
        Period asked;
        ReportFormat as;
        try {
            asked = Period.parse(period.strip());
            as = ReportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (InvalidPeriodException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format is md or html, not '" + format + "'");
        }
        byte[] body;
        try {
            body = reports.render(asked, as).getBytes(StandardCharsets.UTF_8);
        } catch (PeriodNotOverException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        } catch (InvalidPeriodException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        MediaType type = as == ReportFormat.HTML ? MediaType.TEXT_HTML : MediaType.parseMediaType("text/markdown");
        return ResponseEntity.ok()
                .contentType(new MediaType(type, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("custos-report-" + asked + "." + as.name().toLowerCase(Locale.ROOT)).build().toString())
                .body(body);
    }

    /** Years first, newest first, then the other periods with a completed run, newest first. */
    private List<Period> periods() {
        List<Period> completed = results.runs(new RunFilter(null, null, "COMPLETED", RUNS_FOR_PERIODS)).stream()
                .map(RunRow::period).distinct().map(Period::parse).toList();
        Stream<Period> years = completed.stream().map(p -> Period.containing(PeriodType.YEAR, p.start()));
        Stream<Period> others = completed.stream().filter(p -> p.type() != PeriodType.YEAR);
        return Stream.concat(years.distinct().sorted(Comparator.reverseOrder()),
                others.filter(p -> p.type() != PeriodType.DAY).distinct().sorted(Comparator.reverseOrder()))
                .filter(this::over).toList();
    }

    /** A report is for a month, quarter or year that is over: the others are not offered. */
    private boolean over(Period period) {
        try {
            reports.requireOver(period);
            return true;
        } catch (PeriodNotOverException e) {
            return false;
        }
    }
}
