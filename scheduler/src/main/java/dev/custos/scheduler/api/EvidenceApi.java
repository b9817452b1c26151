package dev.custos.scheduler.api;

import java.io.InputStream;
import java.net.URI;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.period.Period;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.evidence.EvidenceExport;
import dev.custos.scheduler.evidence.EvidenceExporter;
import dev.custos.scheduler.evidence.EvidenceVerification;
import dev.custos.scheduler.evidence.EvidenceVerifier;

/**
 * {@code /api/v1/evidence/{period}}: export the period's evidence bundle as {@code custos evidence}
 * does (the same {@link EvidenceExporter}; a new version only when the content changed; audited
 * once exported), list the versions the blob store keeps, download a version's zip bundle, and
 * verify it as {@code custos evidence verify} does (files, signature, chain, tables against the
 * results schema).
 */
@RestController
@RequestMapping("/api/v1/evidence")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class EvidenceApi {

    private final EvidenceExporter exporter;
    private final EvidenceVerifier verifier;
    EvidenceApi(EvidenceExporter exporter, EvidenceVerifier verifier) {
        this.exporter = exporter;
        this.verifier = verifier;
    }

    record Exported(String period, int version, boolean newVersion, String description, String chain, int runs,
                    int files, String manifestSha256, String keyFingerprint, String download) {
    }

    record Version(int version, String manifestSha256, String download) {
    }

    record Verified(String period, int version, boolean intact, int files, String signature, String standing,
                    boolean tablesCompared, String chain, List<String> problems) {
    }

    @PostMapping("/{period}")
    ResponseEntity<Exported> export(@PathVariable String period, Authentication user, HttpServletRequest request) {
        Period parsed = Period.parse(period);
        OperatorAuditLog.Actor actor = Authenticated.actor(user, request);
        EvidenceExport export = exporter.exportToStore(parsed, actor);
        String download = download(parsed, export.version());
        Exported body = new Exported(parsed.toString(), export.version(), export.newVersion(), export.describeVersion(),
                export.describeChain(), export.runs(), export.files(), export.manifestSha256(), export.keyFingerprint(),
                download);
        return export.newVersion() ? ResponseEntity.created(URI.create(download)).body(body) : ResponseEntity.ok(body);
    }

    @GetMapping("/{period}")
    List<Version> versions(@PathVariable String period) {
        Period parsed = Period.parse(period);
        return exporter.versions(parsed).stream().map(version -> new Version(version.version(),
                version.manifestSha256(), version.downloadable() ? download(parsed, version.version()) : null)).toList();
    }

    @GetMapping("/{period}/v{version}")
    ResponseEntity<InputStreamResource> download(@PathVariable String period, @PathVariable int version) {
        Period parsed = Period.parse(period);
        InputStream bundle = stored(parsed, version);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("custos-evidence-" + parsed + "-v" + version + ".zip").build().toString())
                .body(new InputStreamResource(bundle));
    }

    @PostMapping("/{period}/v{version}/verify")
    Verified verify(@PathVariable String period, @PathVariable int version) {
        Period parsed = Period.parse(period);
        EvidenceVerification result = verifier.verifyStored(parsed, version)
                .orElseThrow(() -> notKept(parsed, version));
        return new Verified(parsed.toString(), version, result.intact(), result.files(), result.signature(),
                result.standing(), result.tablesCompared(), result.chain(), result.problems());
    }

    private InputStream stored(Period period, int version) {
        return exporter.bundle(period, version).orElseThrow(() -> notKept(period, version));
    }

    private static ResponseStatusException notKept(Period period, int version) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "no bundle of " + period + " v" + version
                + " is kept in the blob store: the versions exported as a zip (by this API or 'custos evidence --out"
                + " FILE.zip') are; GET /api/v1/evidence/" + period + " lists them");
    }

    private static String download(Period period, int version) {
        return "/api/v1/evidence/" + period + "/v" + version;
    }
}
