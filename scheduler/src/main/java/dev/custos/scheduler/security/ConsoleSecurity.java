package dev.custos.scheduler.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what in {@code custos serve}. Browsers log in with a form (a session cookie, CSRF
 * tokens on every form), or at a single sign-on provider when one is configured (OIDC, roles from a
 * claim: {@link OidcLogin}); scripts send HTTP Basic or a personal API token
 * ({@link ApiTokenAuthentication}) with every request. {@code /setup} is open for the first ADMIN's
 * one-time token ({@link SetupToken}). The API, the OpenAPI document and the actuator answer a
 * missing or wrong login with a 401 problem detail that carries no {@code WWW-Authenticate: Basic}
 * challenge, so a browser never prompts for and never caches Basic
 * credentials for this site: a request to those paths with an {@code Authorization} header was
 * therefore written by a script or a page of this origin (a cross-site form cannot add the header),
 * and one without a session cookie carries nothing a forger could ride on; both are exempt from
 * CSRF (and a script without credentials gets its 401, not a CSRF 403). Every other
 * state-changing request, the login form's included, needs the session's CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OidcProperties.class)
class ConsoleSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Bean
    ConsoleAuthentication consoleAuthentication(UserAccounts users) {
        return new ConsoleAuthentication(users);
    }

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, ConsoleAuthentication authentication, UserAccounts users,
                                           ApiTokens tokens, OidcProperties oidc,
                                           ObjectProvider<ClientRegistrationRepository> singleSignOn) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        RequestMatcher forScripts = new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/actuator/**"),
                path.matcher("/v3/api-docs/**"));
        // nothing ambient to forge: credentials the page could not have added, or no session at all
        RequestMatcher scriptRequest = request -> forScripts.matches(request)
                && (request.getHeader("Authorization") != null || request.getRequestedSessionId() == null);
        AuthenticationEntryPoint scriptLogin = (request, response, e) -> problem(request, response,
                HttpStatus.UNAUTHORIZED, "log in: send HTTP Basic credentials or an API token (Bearer) of a console user");
        http.authenticationProvider(authentication)
                .authorizeHttpRequests(requests -> {
                    requests
                        .requestMatchers("/login", "/setup", "/error", "/css/**", "/webjars/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/lb").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/executions/*/restart"),
                                path.matcher(HttpMethod.POST, "/api/v1/executions/*/stop"),
                                path.matcher(HttpMethod.POST, "/api/v1/executions/*/abandon"),
                                path.matcher(HttpMethod.POST, "/api/v1/schedules/*/backfill"),
                                path.matcher(HttpMethod.POST, "/api/v1/approvals/*/approve"),
                                path.matcher(HttpMethod.POST, "/api/v1/approvals/*/reject"))
                        .hasRole(Role.ADMIN.name())
                        // four-eyes requests: the admins who decide them and the auditors
                        .requestMatchers("/api/v1/approvals/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        // a rerun of a completed period is for ADMIN too: ExecutionsApi reads it from the body
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/executions"))
                        .hasRole(Role.OPS.name())
                        .requestMatchers(path.matcher(HttpMethod.POST, "/api/v1/schedules/*/pause"),
                                path.matcher(HttpMethod.POST, "/api/v1/schedules/*/resume"),
                                path.matcher(HttpMethod.POST, "/api/v1/schedules/*/trigger"),
                                path.matcher(HttpMethod.PUT, "/api/v1/schedules/*/cron"),
                                path.matcher(HttpMethod.GET, "/api/v1/schedules/*/preview"))
                        .hasRole(Role.OPS.name())
                        // a manager reads KPIs and reports, not runs and schedules
                        .requestMatchers("/api/v1/executions/**", "/api/v1/schedules/**")
                        .hasAnyRole(Role.OPS.name(), Role.AUDITOR.name())
                        // evidence and the operator audit log are the auditors' (and the admins')
                        .requestMatchers("/api/v1/evidence/**", "/api/v1/audit/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        // a verification reads the store and changes nothing: operators and auditors
                        .requestMatchers("/api/v1/backups/**").hasAnyRole(Role.OPS.name(), Role.AUDITOR.name())
                        .requestMatchers("/api/v1/results/**", "/api/v1/reports/**")
                        .hasAnyRole(Role.OPS.name(), Role.MANAGER.name(), Role.AUDITOR.name())
                        // the console's pages: an action's form needs the role its API call needs
                        .requestMatchers(path.matcher(HttpMethod.POST, "/executions/*/restart")).hasRole(Role.ADMIN.name())
                        .requestMatchers(path.matcher(HttpMethod.POST, "/executions/*/stop"),
                                path.matcher(HttpMethod.POST, "/executions/*/abandon"),
                                path.matcher(HttpMethod.POST, "/executions/*/rerun"),
                                path.matcher(HttpMethod.POST, "/schedules/*/backfill"),
                                path.matcher(HttpMethod.POST, "/approvals/*/approve"),
                                path.matcher(HttpMethod.POST, "/approvals/*/reject"))
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(path.matcher(HttpMethod.POST, "/executions")).hasRole(Role.OPS.name())
                        .requestMatchers(path.matcher(HttpMethod.POST, "/schedules/**"),
                                path.matcher(HttpMethod.GET, "/schedules/*"),
                                path.matcher(HttpMethod.GET, "/schedules/*/preview"))
                        .hasRole(Role.OPS.name());
                    for (ConsoleArea area : ConsoleArea.values()) {
                        requests.requestMatchers(area(path, area)).hasAnyRole(roles(area));
                    }
                    requests.anyRequest().authenticated();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(scriptLogin))
                .addFilterBefore(new ApiTokenAuthentication(tokens, scriptLogin), BasicAuthenticationFilter.class)
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(scriptLogin, forScripts)
                        .defaultAccessDeniedHandlerFor((request, response, e) -> problem(request, response,
                                HttpStatus.FORBIDDEN, "your role does not allow this"), forScripts)
                        // pages keep Spring's 403 (a single mapping would apply to every request)
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), request -> true))
                .csrf(csrf -> csrf.ignoringRequestMatchers(scriptRequest))
                .addFilterAfter(new SessionStillAllowed(users), SecurityContextHolderFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny()));
        if (singleSignOn.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcLogin(oidc)))
                    .failureHandler(OidcLogin.failureHandler()));
        }
        return http.build();
    }

    private static RequestMatcher area(PathPatternRequestMatcher.Builder path, ConsoleArea area) {
        return new OrRequestMatcher(path.matcher(area.path()), path.matcher(area.path() + "/**"));
    }

    private static String[] roles(ConsoleArea area) {
        return area.roles().stream().map(Role::name).toArray(String[]::new);
    }

    /** An RFC 9457 problem detail, as the API's own errors are. */
    private static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                                String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
