package dev.custos.scheduler.alerts;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;

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
        JsonPost.check("custos.alerts.chat", settings.url(), settings.maxAttempts());
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

    @Override
    public Outcome send(String idempotencyKey, String body) {
        return JsonPost.send(client, JsonPost.request(settings.url(), settings.timeout(), body).build());
    }
}
