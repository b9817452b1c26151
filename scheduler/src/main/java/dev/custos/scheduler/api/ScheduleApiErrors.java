package dev.custos.scheduler.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.custos.common.CustosException;
import dev.custos.scheduler.launch.ControlCatalog;
import dev.custos.scheduler.quartz.ScheduleService;

/**
 * The schedules resource's errors as RFC 9457 problem details with the message the command line
 * prints: the job in the path names the resource, so an unknown one is 404; a cron Quartz refuses
 * or one that never fires is 400; a job without a stored schedule (disabled) is 409.
 */
@RestControllerAdvice(assignableTypes = SchedulesApi.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ScheduleApiErrors {

    @ExceptionHandler(ControlCatalog.UnknownJobException.class)
    ProblemDetail notFound(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ScheduleService.InvalidCronException.class)
    ProblemDetail badRequest(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CustosException.class)
    ProblemDetail conflict(CustosException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
