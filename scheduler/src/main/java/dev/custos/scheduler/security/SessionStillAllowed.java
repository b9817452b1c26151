package dev.custos.scheduler.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a browser session whose user was disabled, locked or given a new password since it logged
 * in. The login is checked once, but {@code custos user disable} runs in another process and cannot
 * reach this one's sessions: each request of a session re-reads the user (one indexed row). A
 * single sign-on session is not a console user's and is left alone.
 */
final class SessionStillAllowed extends OncePerRequestFilter {

    private static final String LOGGED_IN_AT = SessionStillAllowed.class.getName() + ".loggedInAt";

    private final UserAccounts users;

    SessionStillAllowed(UserAccounts users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // a console user's login; a single sign-on user is the provider's to disable
        if (session != null && authentication instanceof UsernamePasswordAuthenticationToken
                && authentication.isAuthenticated()) {
            Instant loggedInAt = (Instant) session.getAttribute(LOGGED_IN_AT);
            if (loggedInAt == null) {
                loggedInAt = Instant.now();
                session.setAttribute(LOGGED_IN_AT, loggedInAt);
            }
            if (!stillAllowed(users.find(authentication.getName()), loggedInAt)) {
                session.invalidate();
                SecurityContextHolder.clearContext();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillAllowed(Optional<ConsoleUser> found, Instant loggedInAt) {
        return found.filter(ConsoleUser::enabled).filter(user -> !users.locked(user))
                .filter(user -> user.passwordChangedAt() == null || !user.passwordChangedAt().isAfter(loggedInAt))
                .isPresent();
    }
}
