package dev.custos.scheduler.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * The single sign-on providers the login page offers ({@code ${@oidcLogins.links()}} in
 * {@code login.html}): one link per configured client registration, none without.
 */
@Component("oidcLogins")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OidcLogins {

    /** A provider to log in with: its name as configured and where the login starts. */
    public record Link(String name, String path) {
    }

    private final ObjectProvider<ClientRegistrationRepository> registrations;

    OidcLogins(ObjectProvider<ClientRegistrationRepository> registrations) {
        this.registrations = registrations;
    }

    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object registration : all) {
                if (registration instanceof ClientRegistration client) {
                    links.add(new Link(client.getClientName(), "/oauth2/authorization/" + client.getRegistrationId()));
                }
            }
        }
        return links;
    }
}
