package dev.custos.scheduler.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.period.Period;
import dev.custos.scheduler.report.ReportFormat;
import dev.custos.scheduler.report.ReportService;

/**
 * {@code /api/v1/reports/{period}}: the KPI report {@code custos report} writes (the same
 * {@link ReportService}), as a download in Markdown or HTML ({@code format=md|html}, or the
 * {@code Accept} header; HTML by default, as the command's). A period that is not over is refused
 * as the command refuses it (409).
 */
@RestController
@RequestMapping("/api/v1/reports")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ReportsApi {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final ReportService reports;

    ReportsApi(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/{period}")
    ResponseEntity<String> report(@PathVariable String period, @RequestParam(required = false) String format,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Period parsed = Period.parse(period);
        ReportFormat chosen = format(format, accept);
        String text = reports.render(parsed, chosen);
        return ResponseEntity.ok()
                .contentType(chosen == ReportFormat.MD ? MARKDOWN : new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("custos-report-" + parsed + "." + chosen.name().toLowerCase(Locale.ROOT)).build().toString())
                .body(text);
    }

    private static ReportFormat format(String format, String accept) {
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "md" -> ReportFormat.MD;
                case "html" -> ReportFormat.HTML;
                default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "unknown format '" + format + "': format is md or html");
            };
        }
        if (accept != null && MediaType.parseMediaTypes(accept).stream()
                .anyMatch(type -> type.getSubtype().equals(MARKDOWN.getSubtype()))) {
            return ReportFormat.MD;
        }
        return ReportFormat.HTML;
    }
}
