package dev.custos.scheduler.security;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <personal API token>}: the request acts as the token's user, with the
 * user's role as it is now, for this request only (no session). A bearer value that is not a live
 * token is answered 401 at once; it is never passed on to another login.
 */
final class ApiTokenAuthentication extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    /** Who a request with a token is: the token's user, with the user's role. */
    static final class TokenUser extends AbstractAuthenticationToken {

        private final String name;

        TokenUser(ConsoleUser user) {
            super(user.role().grants().stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList());
            this.name = user.name();
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return name;
        }
    }

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint refused;

    ApiTokenAuthentication(ApiTokens tokens, AuthenticationEntryPoint refused) {
        this.tokens = tokens;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String presented = header.substring(BEARER.length()).trim();
        var user = tokens.authenticate(presented);
        if (user.isEmpty()) {
            SecurityContextHolder.clearContext();
            refused.commence(request, response, new BadCredentialsException("not a live API token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenUser(user.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
