package dev.custos.scheduler.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.custos.common.CustosException;

/**
 * Posts an alert as a chat message, {@code {"text": ...}}, to an incoming webhook of Slack, Mattermost or
 * any room that takes that body ({@code custos.alerts.chat.url}). Such a URL is itself the credential: it
 * is never logged.
 */
final class ChatChannel implements AlertChannel {

    static final String NAME = "chat";

    private final AlertsProperties.Chat settings;
    private final HttpClient client;

    ChatChannel(AlertsProperties.Chat settings) {
        String scheme = settings.url().getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new CustosException("custos.alerts.chat.url is no http or https URL");
        }
        if (settings.maxAttempts() < 1) {
            throw new CustosException("custos.alerts.chat.max-attempts must be at least 1");
        }
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxAttempts() {
        return settings.maxAttempts();
    }

    @Override
    public Duration backoff() {
        return settings.backoff();
    }

    @Override
    public String body(Incident incident, String state, Instant at) {
        return AlertMessage.chatBody(incident, state, at);
    }

    /** A 2xx status is delivered; anything else, or no connection, is retried. */
    @Override
    public Outcome send(String idempotencyKey, String body) {
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
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
