package dev.custos.scheduler.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.custos.common.command.CommandException;
import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.audit.OperatorAuditLog;

/**
 * {@code /api/v1/tokens}: a console user's own personal API tokens. Creating one answers its secret,
 * the only time it is ever shown; listing never does. Tokens are managed from a password login
 * (form or Basic), not with a token: a leaked token cannot mint itself a longer-lived one.
 * Creating and revoking are recorded in the operator audit log (the token's id, never its secret).
 */
@RestController
@RequestMapping("/api/v1/tokens")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TokensApi {

    private static final String NOT_A_CONSOLE_USER =
            "personal API tokens belong to console users (custos user add); a single sign-on login holds none";

    private final ApiTokens tokens;
    private final UserAccounts users;
    private final OperatorAuditLog auditLog;

    TokensApi(ApiTokens tokens, UserAccounts users, OperatorAuditLog auditLog) {
        this.tokens = tokens;
        this.users = users;
        this.auditLog = auditLog;
    }

    record NewToken(String name, Integer expiresInDays) {
    }

    record Token(String id, String name, String createdAt, String expiresAt, String lastUsedAt) {

        static Token of(ApiTokens.ApiToken token) {
            return new Token(token.id(), token.name(), CommandOutput.utc(token.createdAt()), CommandOutput.utc(token.expiresAt()),
                    CommandOutput.utc(token.lastUsedAt()));
        }
    }

    record CreatedToken(String id, String name, String createdAt, String expiresAt, String token) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedToken create(@RequestBody NewToken request, Authentication user, HttpServletRequest http) {
        ConsoleUser owner = consoleUser(user);
        ApiTokens.CreatedToken created = auditLog.carryOut(actor(owner, http), "token create", "user " + owner.name(),
                null, null, () -> tokens.create(owner.name(), request.name(), request.expiresInDays()),
                made -> "DONE token=" + made.token().id());
        ApiTokens.ApiToken token = created.token();
        return new CreatedToken(token.id(), token.name(), CommandOutput.utc(token.createdAt()), CommandOutput.utc(token.expiresAt()), created.secret());
    }

    @GetMapping
    List<Token> list(Authentication user) {
        return tokens.list(consoleUser(user).name()).stream().map(Token::of).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id, Authentication user, HttpServletRequest http) {
        ConsoleUser owner = consoleUser(user);
        auditLog.carryOut(actor(owner, http), "token revoke", "user " + owner.name(), "token=" + id, null, () -> {
            if (!tokens.revoke(owner.name(), id)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "you have no token with that id");
            }
            return "DONE";
        }, outcome -> outcome);
    }

    @ExceptionHandler(CommandException.class)
    ProblemDetail badRequest(CommandException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** The console user behind a password login; a token or an OIDC login manages no tokens. */
    private ConsoleUser consoleUser(Authentication user) {
        if (user instanceof ApiTokenAuthentication.TokenUser) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "API tokens are managed after logging in with a password, not with a token");
        }
        // a single sign-on name may equal a console user's: only a password login speaks for that user
        if (!(user instanceof UsernamePasswordAuthenticationToken)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, NOT_A_CONSOLE_USER);
        }
        return users.find(user.getName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN,
                NOT_A_CONSOLE_USER));
    }

    private static OperatorAuditLog.Actor actor(ConsoleUser user, HttpServletRequest http) {
        return new OperatorAuditLog.Actor(user.name(), user.role().name(), http.getRemoteAddr());
    }
}
