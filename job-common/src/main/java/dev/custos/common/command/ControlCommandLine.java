package dev.custos.common.command;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a control adds to the {@code custos} command line: a top-level command (such as
 * {@code custos backup}) and, for {@code custos demo}, the settings and files its part of the
 * demo needs. Listed in {@code META-INF/spring.factories} and loaded with Spring's
 * {@code SpringFactoriesLoader}, not as beans: the command line is built before any application
 * starts, and each command decides whether it needs one ({@link CommandApplication}) and how much.
 */
public interface ControlCommandLine {

    /** What a contributed command returns when it is done; usage and environment failures are a {@link CommandException}. */
    int OK = 0;
    /** What it returns when an operation failed, after printing which and why. */
    int FAILED = 1;
    /**
     * What it returns when the action needs a second admin's approval and a request was stored
     * instead ({@link ApprovalGate}); nothing was carried out.
     */
    int AWAITING_APPROVAL = 5;

    /**
     * The command, a picocli command object (its class annotated with {@code @Command}), added to
     * {@code custos} as it is; its commands that need the application's beans start it with
     * {@code application} when they run.
     */
    Object command(CommandApplication application);

    /**
     * Settings the demo's properties file takes from this control ({@code custos demo}, before its
     * application starts), after writing into {@code home} the files they name; a file already
     * there is kept. None by default.
     */
    default Map<String, String> demoSettings(Path home) {
        return Map.of();
    }
}
