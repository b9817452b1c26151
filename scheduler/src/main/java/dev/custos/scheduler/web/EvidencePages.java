package dev.custos.scheduler.web;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.custos.common.CustosException;
import dev.custos.common.job.CustosProperties;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.common.period.Period;
import dev.custos.common.period.PeriodType;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.evidence.EvidenceExport;
import dev.custos.scheduler.evidence.EvidenceExporter;
import dev.custos.scheduler.evidence.EvidenceVerification;
import dev.custos.scheduler.evidence.EvidenceVerifier;
import dev.custos.scheduler.security.Authenticated;

/**
 * The evidence page, for AUDITOR and ADMIN: export a period's bundle as the API does (the same
 * audited {@link EvidenceExporter#exportToStore(Period, OperatorAuditLog.Actor)}, kept in the blob store as a zip),
 * the versions the store keeps, a version's zip to download, and its verification as
 * {@code custos evidence verify} does it ({@link EvidenceVerifier#verifyStored}).
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EvidencePages {

    private final EvidenceExporter exporter;
    private final EvidenceVerifier verifier;
    private final CustosProperties properties;

    EvidencePages(EvidenceExporter exporter, EvidenceVerifier verifier, CustosProperties properties) {
        this.exporter = exporter;
        this.verifier = verifier;
        this.properties = properties;
    }

    /** A version the store keeps; {@code downloadable} when its zip is kept (not for one exported to a directory). */
    public record Version(int version, String manifestSha256, boolean downloadable) {
    }

    /** A version's verification as the page shows it. */
    public record Verified(int version, boolean intact, int files, String signature, String standing,
                           boolean tablesCompared, String chain, List<String> problems) {
    }

    @GetMapping("/evidence")
    String evidence(@RequestParam(required = false) String period, Model model) {
        return page(period, null, model);
    }

    @PostMapping("/evidence/export")
    String export(@RequestParam(defaultValue = "") String period, Authentication user, HttpServletRequest request,
                  RedirectAttributes flash) {
        try {
            Period parsed = Period.parse(period.strip());
            EvidenceExport export = exporter.exportToStore(parsed, Authenticated.actor(user, request));
            flash.addFlashAttribute("notice", export.newVersion()
                    ? "Evidence of " + parsed + " exported as version " + export.version() + " (" + export.runs() + " runs, "
                            + export.files() + " files)"
                    : "Evidence of " + parsed + " unchanged since version " + export.version() + ": no new version");
            flash.addAttribute("period", parsed.toString());
        } catch (CustosException e) {
            flash.addFlashAttribute("problem", e.getMessage());
            flash.addAttribute("period", period.strip());
        }
        return "redirect:/evidence";
    }

    @PostMapping("/evidence/{period}/v{version}/verify")
    String verify(@PathVariable String period, @PathVariable int version, Model model) {
        Period parsed = parse(period);
        try {
            EvidenceVerification result = verifier.verifyStored(parsed, version).orElseThrow(() -> notKept(parsed, version));
            return page(parsed.toString(), new Verified(version, result.intact(), result.files(), result.signature(),
                    result.standing(), result.tablesCompared(), result.chain(), result.problems()), model);
        } catch (CustosException e) {
            model.addAttribute("problem", e.getMessage());
            return page(parsed.toString(), null, model);
        }
    }

    @GetMapping("/evidence/{period}/v{version}")
    ResponseEntity<InputStreamResource> download(@PathVariable String period, @PathVariable int version) {
        Period parsed = parse(period);
        InputStream bundle = exporter.bundle(parsed, version).orElseThrow(() -> notKept(parsed, version));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("custos-evidence-" + parsed + "-v" + version + ".zip").build().toString())
                .body(new InputStreamResource(bundle));
    }

    private String page(String period, Verified verified, Model model) {
        String shown = period == null || period.isBlank()
                ? Period.lastClosed(PeriodType.MONTH, LocalDate.now(properties.zone())).toString() : period.strip();
        model.addAttribute("period", shown);
        model.addAttribute("verified", verified);
        try {
            model.addAttribute("versions", exporter.versions(Period.parse(shown)).stream()
                    .sorted(Comparator.comparingInt(EvidenceExporter.StoredVersion::version).reversed())
                    .map(version -> new Version(version.version(), version.manifestSha256(), version.downloadable()))
                    .toList());
        } catch (InvalidPeriodException e) {
            model.addAttribute("versions", List.of());
            model.addAttribute("problem", e.getMessage());
        }
        return "evidence";
    }

    private static Period parse(String period) {
        try {
            return Period.parse(period.strip());
        } catch (InvalidPeriodException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private static ResponseStatusException notKept(Period period, int version) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no bundle of " + period + " v" + version
                + " is kept in the blob store");
    }
}
