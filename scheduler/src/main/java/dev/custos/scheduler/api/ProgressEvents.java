package dev.custos.scheduler.api;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.custos.scheduler.launch.ExecutionProgress;

/**
 * Server-sent progress of a run: one {@code progress} event about every second from one shared
 * timer thread (no request thread waits), completed after the event that shows the run ended, or
 * when the client goes, or after {@link #MAX_MINUTES} minutes at most, so a stream never holds
 * anything for ever.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProgressEvents implements DisposableBean {

    static final int MAX_MINUTES = 30;
    private static final Duration EVERY = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "custos-progress-events");
        thread.setDaemon(true);
        return thread;
    });

    SseEmitter follow(Supplier<ExecutionProgress> progress) {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(MAX_MINUTES).toMillis());
        AtomicReference<ScheduledFuture<?>> sending = new AtomicReference<>();
        Runnable stop = () -> {
            ScheduledFuture<?> future = sending.get();
            if (future != null) {
                future.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(() -> {
            stop.run();
            emitter.complete();
        });
        emitter.onError(error -> stop.run());
        sending.set(timer.scheduleWithFixedDelay(() -> {
            try {
                ExecutionProgress now = progress.get();
                emitter.send(SseEmitter.event().name("progress").id(String.valueOf(System.currentTimeMillis()))
                        .data(now, MediaType.APPLICATION_JSON));
                if (!now.running()) {
                    stop.run();
                    emitter.complete();
                }
            } catch (IOException | RuntimeException e) {
                // the client went, or the repository could not be read: the stream ends, the client may reconnect
                stop.run();
                emitter.completeWithError(e);
            }
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS));
        return emitter;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
