package dev.custos.scheduler.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.custos.common.CustosException;
import dev.custos.scheduler.alerts.AlertChannel.Outcome;

/** An alert's JSON posted to an HTTP receiver: what the webhook and the chat channel share. */
final class JsonPost {

    private JsonPost() {
    }

    /** Refuses at start what could never deliver; {@code settings} names them, e.g. {@code custos.alerts.chat}. */
    static void check(String settings, URI url, int maxAttempts) {
        String scheme = url.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new CustosException(settings + ".url is no http or https URL");
        }
        if (maxAttempts < 1) {
            throw new CustosException(settings + ".max-attempts must be at least 1");
        }
    }

    static HttpRequest.Builder request(URI url, Duration timeout, String body) {
        return HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** A 2xx status is delivered; anything else, or no connection, is retried. */
    static Outcome send(HttpClient client, HttpRequest request) {
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Outcome(status / 100 == 2, "HTTP " + status);
        } catch (IOException e) {
            return new Outcome(false, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}
