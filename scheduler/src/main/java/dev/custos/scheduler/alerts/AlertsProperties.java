package dev.custos.scheduler.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.alerts.*}: how often {@code custos serve} looks for incidents, and the channels they are
 * sent to: a signed JSON webhook ({@code webhook.url}), mail ({@code mail.to}, over the SMTP server of
 * {@code spring.mail.*}) and a chat room's incoming webhook ({@code chat.url}). A channel without its
 * address is off; without any, incidents are only recorded. The n-th retry waits {@code backoff} times 2^(n-1).
 */
@ConfigurationProperties("custos.alerts")
record AlertsProperties(@DefaultValue("PT1M") Duration interval, @DefaultValue Webhook webhook,
                        @DefaultValue Mail mail, @DefaultValue Chat chat) {

    record Webhook(URI url, String secret, @DefaultValue("5") int maxAttempts, @DefaultValue("PT30S") Duration backoff,
                   @DefaultValue("PT10S") Duration timeout) {

        @Override
        public String toString() {
            return "Webhook[url=" + url + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
        }
    }

    record Mail(List<String> to, String from, @DefaultValue("5") int maxAttempts,
                @DefaultValue("PT30S") Duration backoff) {

        Mail {
            to = to == null ? List.of() : List.copyOf(to);
        }

        /** Addresses are no one else's business: neither the recipients nor the sender are shown. */
        @Override
        public String toString() {
            return "Mail[recipients=" + to.size() + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + "]";
        }
    }

    /** A chat incoming-webhook URL carries its own secret in its path: it is never shown. */
    record Chat(URI url, @DefaultValue("5") int maxAttempts, @DefaultValue("PT30S") Duration backoff,
                @DefaultValue("PT10S") Duration timeout) {

        @Override
        public String toString() {
            return "Chat[url=" + (url == null ? "none" : "(set)") + ", maxAttempts=" + maxAttempts + ", backoff="
                    + backoff + "]";
        }
    }
}
