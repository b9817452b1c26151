package dev.custos.scheduler.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import dev.custos.common.command.CommandOutput;
import dev.custos.scheduler.audit.OperatorAuditLog;
import dev.custos.scheduler.security.ApiTokens;

/**
 * {@code custos token create|list|revoke --user NAME}: a console user's personal API tokens, for
 * scripts ({@code Authorization: Bearer TOKEN}). {@code create} prints the token once; it is kept
 * only as a hash and cannot be shown again. Creating and revoking go to the operator audit log.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Manage a console user's personal API tokens (Authorization: Bearer TOKEN).",
        subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: create, list or revoke");
    }

    /** A token command acting on one user's tokens. */
    abstract static class UserTokenCommand extends SpringCommand {

        @Option(names = "--user", paramLabel = "NAME", required = true, description = "the console user the tokens belong to")
        String user;

        @Override
        Mode mode() {
            return Mode.RUN;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a token for the user and print it once; it acts with the user's role until revoked.")
    static final class Create extends UserTokenCommand {

        @Option(names = "--name", paramLabel = "TEXT", required = true,
                description = "what the token is for, e.g. nightly-export (shown in lists)")
        String name;

        @Option(names = "--expires-in-days", paramLabel = "DAYS",
                description = "the token stops working after this many days (default: never)")
        Integer expiresInDays;

        @Override
        int call(CustosContext context) {
            ApiTokens.CreatedToken created = context.bean(OperatorAuditLog.class).carryOut(OperatorAuditLog.Actor.shell(),
                    "token create", "user " + user, null, null,
                    () -> context.bean(ApiTokens.class).create(user, name, expiresInDays),
                    made -> "DONE token=" + made.token().id());
            out().println("token " + created.token().id() + " created"
                    + (created.token().expiresAt() == null ? "" : ", expires " + CommandOutput.utc(created.token().expiresAt()))
                    + "; it is shown this once:");
            out().println(created.secret());
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the user's tokens: id, name, created, expires, last used (never the token itself).")
    static final class List extends UserTokenCommand {

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = CommandOutput.FORMAT_DESCRIPTION)
        CommandOutput.Format format;

        @Override
        int call(CustosContext context) {
            java.util.List<ApiTokens.ApiToken> tokens = context.bean(ApiTokens.class).list(user);
            if (format == CommandOutput.Format.json) {
                CommandOutput.printJson(out(), tokens.stream().map(List::json).toList());
                return ExitCodes.OK;
            }
            out().printf("%-12s %-30s %-20s %-20s %s%n", "ID", "NAME", "CREATED", "EXPIRES", "LAST_USED");
            for (ApiTokens.ApiToken token : tokens) {
                out().printf("%-12s %-30s %-20s %-20s %s%n", token.id(), token.name(), CommandOutput.utc(token.createdAt()),
                        token.expiresAt() == null ? "never" : CommandOutput.utc(token.expiresAt()),
                        token.lastUsedAt() == null ? "-" : CommandOutput.utc(token.lastUsedAt()));
            }
            return ExitCodes.OK;
        }

        private static Map<String, Object> json(ApiTokens.ApiToken token) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", token.id());
            row.put("name", token.name());
            row.put("createdAt", CommandOutput.utc(token.createdAt()));
            row.put("expiresAt", CommandOutput.utc(token.expiresAt()));
            row.put("lastUsedAt", CommandOutput.utc(token.lastUsedAt()));
            return row;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke one of the user's tokens: it is refused from its next request on.")
    static final class Revoke extends UserTokenCommand {

        @Parameters(paramLabel = "ID", description = "the token's id, as token list shows it")
        String id;

        @Override
        int call(CustosContext context) {
            context.bean(OperatorAuditLog.class).carryOut(OperatorAuditLog.Actor.shell(), "token revoke", "user " + user,
                    "token=" + id, null, () -> {
                        if (!context.bean(ApiTokens.class).revoke(user, id)) {
                            throw new UsageException("the user has no token with that id (see: custos token list --user NAME)");
                        }
                        return "DONE";
                    }, outcome -> outcome);
            out().println("token revoked");
            return ExitCodes.OK;
        }
    }
}
