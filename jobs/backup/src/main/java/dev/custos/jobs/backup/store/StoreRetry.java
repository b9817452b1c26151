package dev.custos.jobs.backup.store;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

import dev.custos.common.CustosException;
import dev.custos.common.store.BlobStoreException;

/**
 * Runs a store operation again, with exponential backoff, when the store fails
 * ({@link BlobStoreException}: unreachable, a transfer broken off, an error status), up to
 * {@code custos.backup.retry.attempts} attempts in all; the first wait is
 * {@code custos.backup.retry.backoff}, each next one twice the last. Any other failure (a bad
 * setting, a damaged backup, the database) is thrown at once. Spring Framework's
 * {@link RetryTemplate} does the waiting.
 *
 * <p>The operation must be repeatable from scratch: an archive upload is, because a failed one is
 * aborted and the next attempt reads every source again.
 */
public final class StoreRetry {

    private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final int attempts;
    private final Duration backoff;
    private final RetryTemplate template;

    public StoreRetry(int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new CustosException("custos.backup.retry.attempts must be 1 or more (1 = no retry), found "
                    + attempts);
        }
        if (backoff == null || backoff.isNegative()) {
            throw new CustosException("custos.backup.retry.backoff must be a duration of 0 or more, e.g. PT1S, found "
                    + (backoff == null ? "nothing" : backoff));
        }
        this.attempts = attempts;
        this.backoff = backoff;
        this.template = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(attempts - 1L)
                .delay(backoff)
                .multiplier(2)
                .maxDelay(backoff.compareTo(MAX_BACKOFF) > 0 ? backoff : MAX_BACKOFF)
                .includes(BlobStoreException.class)
                .build());
    }

    /** Runs {@code work} until it succeeds or the attempts are used up; {@code action} names it in messages. */
    public <T> T call(String action, Supplier<T> work) {
        int[] attempt = {0};
        try {
            return template.execute(() -> {
                attempt[0]++;
                try {
                    return work.get();
                } catch (BlobStoreException e) {
                    if (attempt[0] < attempts) {
                        log.warn("{} failed (attempt {} of {}); trying again after a backoff: {}", action, attempt[0],
                                attempts, e.getMessage());
                    }
                    throw e;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof BlobStoreException failure) {
                throw new BlobStoreException(action + " failed " + attempt[0] + " time(s), retried with backoff from "
                        + backoff + "; giving up: " + failure.getMessage(), failure);
            }
            if (last instanceof RuntimeException other) {
                throw other;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new CustosException(action + " failed: " + last, last);
        }
    }

    public void run(String action, Runnable work) {
        call(action, () -> {
            work.run();
            return null;
        });
    }
}
