package dev.custos.scheduler.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.custos.common.CustosException;

/**
 * Posts an alert's JSON body to {@code custos.alerts.webhook.url}, signed in {@code X-Custos-Signature}
 * ({@code sha256=} and the hex HMAC-SHA256 of the body under the webhook secret) and carrying an
 * {@code Idempotency-Key} that is the same on every retry of one message.
 */
final class WebhookChannel implements AlertChannel {

    static final String NAME = "webhook";

    private final AlertsProperties.Webhook settings;
    private final HttpClient client;

    WebhookChannel(AlertsProperties.Webhook settings) {
        String scheme = settings.url().getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new CustosException("custos.alerts.webhook.url is no http or https URL");
        }
        if (settings.secret() == null || settings.secret().isBlank()) {
            throw new CustosException("custos.alerts.webhook.url needs custos.alerts.webhook.secret to sign the alerts");
        }
        if (settings.maxAttempts() < 1) {
            throw new CustosException("custos.alerts.webhook.max-attempts must be at least 1");
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
        return AlertMessage.body(incident, state, at);
    }

    /** A 2xx status is delivered; anything else, or no connection, is retried. */
    @Override
    public Outcome send(String idempotencyKey, String body) {
        HttpRequest request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Custos-Signature", "sha256=" + sign(settings.secret(), body))
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

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
