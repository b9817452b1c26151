package dev.custos.scheduler.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A database failure as the API answers it: 503 in one sentence. The driver's text quotes SQL
 * and can quote values, so neither the answer nor the log carries it: the log names the failure's
 * classes.
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private Outage() {
    }

    static ProblemDetail of(DataAccessException e) {
        log.warn("the database failed an API request: {} ({})", e.getClass().getSimpleName(),
                e.getMostSpecificCause().getClass().getName());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the database is not available; try again later");
    }
}
