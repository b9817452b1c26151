package dev.custos.scheduler.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.custos.common.CustosException;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.scheduler.launch.ControlLauncher;

/**
 * The operator errors the services throw, as RFC 9457 problem details with the message the
 * command line prints: a wrong filter is 400, an unknown execution 404, an action the state
 * refuses (still running, abandoned, superseded) 409.
 */
@RestControllerAdvice(assignableTypes = ExecutionsApi.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrors {

    @ExceptionHandler({ControlCatalog.UnknownJobException.class, InvalidPeriodException.class})
    ProblemDetail badRequest(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ControlLauncher.UnknownExecutionException.class)
    ProblemDetail notFound(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(CustosException.class)
    ProblemDetail conflict(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
