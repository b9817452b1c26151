package dev.custos.scheduler.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.custos.common.CustosException;
import dev.custos.common.period.InvalidPeriodException;
import dev.custos.scheduler.launch.BackgroundRuns;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * The schedules resource's errors as RFC 9457 problem details with the message the command line
 * prints: the job in the path names the resource, so an unknown one is 404; a cron Quartz refuses
 * or one that never fires, or a wrong backfill period, is 400; a job without a stored schedule
 * (disabled) or a backfill whose inputs are missing is 409, a refusal in a sentence; an outage
 * (the schedule store or the database unreachable) is 503, without Quartz's or the driver's text.
 */
@RestControllerAdvice(assignableTypes = SchedulesApi.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScheduleApiErrors {

    @ExceptionHandler(ControlCatalog.UnknownJobException.class)
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

    @ExceptionHandler({ScheduleService.InvalidCronException.class, InvalidPeriodException.class})
    ProblemDetail badRequest(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CustosException.class)
    ProblemDetail conflict(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
