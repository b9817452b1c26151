package dev.custos.scheduler.alerts;

import java.net.http.HttpClient;
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
        JsonPost.check("custos.alerts.webhook", settings.url(), settings.maxAttempts());
        if (settings.secret() == null || settings.secret().isBlank()) {
            throw new CustosException("custos.alerts.webhook.url needs custos.alerts.webhook.secret to sign the alerts");
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
        return JsonPost.send(client, JsonPost.request(settings.url(), settings.timeout(), body)
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Custos-Signature", "sha256=" + sign(settings.secret(), body))
                .build());
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
