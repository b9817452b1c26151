package dev.custos.scheduler.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.custos.common.CustosException;
import dev.custos.common.backups.Backups;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.scheduler.evidence.PeriodNotOverException;
import dev.custos.scheduler.evidence.SigningKeyException;
import dev.custos.scheduler.launch.ControlCatalog;

/**
 * The errors of the results, reports, evidence, backups and audit resources as RFC 9457 problem
 * details with the message the command line prints: a wrong job, period or backup id is 400; a
 * period not over yet is 409, as {@code custos report} and {@code custos evidence} refuse it; no
 * evidence signing key configured is 503 (the installation, not the request, must change); any
 * other refusal 409.
 */
@RestControllerAdvice(assignableTypes = {ResultsApi.class, ReportsApi.class, EvidenceApi.class, BackupsApi.class,
        AuditApi.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ResultsApiErrors {

    @ExceptionHandler({ControlCatalog.UnknownJobException.class, InvalidPeriodException.class,
            Backups.NotABackupIdException.class})
    ProblemDetail badRequest(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(PeriodNotOverException.class)
    ProblemDetail notOver(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(SigningKeyException.class)
    ProblemDetail noSigningKey(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(CustosException.class)
    ProblemDetail conflict(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
