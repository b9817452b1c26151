package dev.custos.scheduler.alerts;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.alerts.*}: how often {@code custos serve} looks for incidents, and the webhook they are
 * posted to ({@code custos.alerts.webhook.url}; without it there is no channel and incidents are only
 * recorded). The n-th retry waits {@code backoff} times 2^(n-1).
 */
@ConfigurationProperties("custos.alerts")
record AlertsProperties(@DefaultValue("PT1M") Duration interval, @DefaultValue Webhook webhook) {

    record Webhook(URI url, String secret, @DefaultValue("5") int maxAttempts, @DefaultValue("PT30S") Duration backoff,
                   @DefaultValue("PT10S") Duration timeout) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
        }
    }
}
