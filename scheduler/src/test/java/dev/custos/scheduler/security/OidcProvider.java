package dev.custos.scheduler.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID Connect provider in the test's JVM: Spring Security's authorization server on a
 * random port, with one client (the console) and users whose ID token carries the claim
 * {@value #ROLE_CLAIM}. Its users log in with its own form. It is a plain Spring context of its
 * own (no auto-configuration, none of the application's properties) and no component: the
 * console's scan of {@code dev.custos} does not pick it up.
 */
@EnableWebSecurity
class OidcProvider implements AutoCloseable {

    static final String CLIENT_ID = "custos-console";
    static final String CLIENT_SECRET = "console-client-secret";
    static final String ROLE_CLAIM = "groups";
    static final String PASSWORD = "provider password";
    /** A user whose name, as sso:<registration-id>:<name>, is longer than the console records (255). */
    static final String LONG_NAME = "long-" + "n".repeat(250);
    /** The provider's users and the values of their role claim. */
    static final Map<String, List<String>> USERS = Map.of("alice", List.of("staff", "custos-admins"),
            "mona", List.of("custos-managers"), "nobody", List.of("staff"), OidcProvider.LONG_NAME,
            List.of("custos-admins"));

    private ConfigurableApplicationContext context;

    /** Starts the provider; the console's redirect URIs are on {@code consoleHost} (any port). */
    static OidcProvider start(Path logDir) {
        OidcProvider provider = new OidcProvider();
        provider.context = new SpringApplicationBuilder(OidcProvider.class).web(WebApplicationType.SERVLET)
                .run("--spring.config.name=oidc-provider", "--spring.main.banner-mode=off",
                        "--spring.main.web-application-type=servlet", "--logging.level.root=WARN",
                        "--logging.file.name=" + logDir.resolve("oidc-provider.log"));
        return provider;
    }

    /** Where the provider answers, the issuer of its tokens. */
    String issuer() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    @Bean
    TomcatServletWebServerFactory providerWebServer() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        // the console runs on the same host: a cookie of its own name keeps the two sessions apart
        factory.getSettings().getSession().getCookie().setName("PROVIDERSESSION");
        return factory;
    }

    /** Requests the security filters do not answer (there are none in the flow). */
    @Bean
    HttpServlet providerNotFound() {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        };
    }

    @Bean
    SecurityFilterChain providerSecurity(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    RegisteredClientRepository providerClients() {
        RegisteredClient console = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://127.0.0.1/login/oauth2/code/company-sso")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .build();
        return new InMemoryRegisteredClientRepository(console);
    }

    @Bean
    UserDetailsService providerUsers() {
        return new InMemoryUserDetailsManager(USERS.keySet().stream()
                .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build()).toList());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> providerRoleClaim() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                String user = context.getPrincipal().getName();
                context.getClaims().claim(ROLE_CLAIM, USERS.get(user)).claim("preferred_username", user);
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> providerKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The provider's user-info endpoint reads its own access tokens. */
    @Bean
    JwtDecoder providerTokens(JWKSource<SecurityContext> keys) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings providerSettings() {
        return AuthorizationServerSettings.builder().build();
    }
}
