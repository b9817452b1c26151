package dev.custos.scheduler.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.custos.common.CustosException;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.scheduler.launch.BackgroundRuns;
import dev.custos.scheduler.launch.ControlLauncher;
import dev.custos.scheduler.launch.StartedBetween;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * The operator errors the services throw, as RFC 9457 problem details with the message the
 * command line prints: a wrong filter is 400, an unknown execution 404, an action the state
 * refuses (still running, not running, abandoned, superseded, completed) 409; an outage (the
 * database unreachable, too many runs waiting) 503 without the driver's text.
 */
@RestControllerAdvice(assignableTypes = ExecutionsApi.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiErrors {

    @ExceptionHandler({ControlCatalog.UnknownJobException.class, InvalidPeriodException.class,
            StartedBetween.InvalidRangeException.class})
    ProblemDetail badRequest(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ControlLauncher.UnknownExecutionException.class)
    ProblemDetail notFound(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler({BackgroundRuns.BusyException.class, ScheduleService.ScheduleStoreUnavailableException.class})
    ProblemDetail unavailable(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail databaseUnavailable(DataAccessException e) {
        return Outage.of(e);
    }

    @ExceptionHandler(CustosException.class)
    ProblemDetail conflict(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
