package dev.custos.scheduler;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.custos.scheduler.cli.CustosCommandLine;

/**
 * {@code custos serve --server.port=0} run in this JVM against an installation, as an operator
 * would start it: the test learns the port the server took, and closing stops it the way Ctrl-C
 * does (the context closes, the command returns).
 */
public final class ServeInProcess implements AutoCloseable {

    private final CompletableFuture<ConfigurableApplicationContext> ready = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private ServeInProcess() {
    }

    /** Starts {@code custos serve} with the installation's settings and {@code extra} Spring overrides. */
    public static ServeInProcess start(Installation installation, String... extra) {
        ServeInProcess serve = new ServeInProcess();
        String[] args = Stream.concat(Stream.of(installation.args("serve", "--server.port=0")), Stream.of(extra))
                .toArray(String[]::new);
        Thread thread = new Thread(() -> {
            try {
                int code = SpringApplication.withHook(application -> {
                    application.addInitializers(context -> context.getBeanFactory().registerSingleton(
                            InProcess.TestSupportExcluded.class.getName(), new InProcess.TestSupportExcluded()));
                    application.addListeners(event -> {
                        if (event instanceof ApplicationReadyEvent started) {
                            serve.ready.complete(started.getApplicationContext());
                        }
                    });
                    return null;
                }, () -> CustosCommandLine.execute(new PrintWriter(serve.out, true), new PrintWriter(serve.err, true), args));
                serve.exit.complete(code);
            } catch (Throwable e) {
                serve.exit.completeExceptionally(e);
            } finally {
                serve.ready.completeExceptionally(new IllegalStateException("custos serve ended before it was ready:\n"
                        + serve.out + serve.err));
            }
        }, "custos-serve-test");
        thread.setDaemon(true);
        thread.start();
        serve.context(Duration.ofMinutes(2));
        return serve;
    }

    private ConfigurableApplicationContext context(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("custos serve did not start: " + e.getMessage() + "\n" + out + err, e);
        }
    }

    /** The port the server listens on. */
    public int port() {
        return ((WebServerApplicationContext) context(Duration.ZERO)).getWebServer().getPort();
    }

    /** What the command printed so far. */
    public String out() {
        return out.toString();
    }

    /** Stops the server as Ctrl-C would; returns the command's exit code. */
    public int stop() {
        context(Duration.ZERO).close();
        try {
            return exit.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("custos serve did not stop: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!exit.isDone()) {
            stop();
        }
    }
}
