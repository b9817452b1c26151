package dev.custos.scheduler.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import dev.custos.common.command.CommandException;

/** A console password given to a command as one line of standard input ({@code --password-stdin}), never as an argument. */
public final class PasswordInput {

    private PasswordInput() {
    }

    /**
     * The first line of standard input.
     *
     * @throws CommandException (usage) there is none, or it is empty
     */
    public static char[] fromStandardInput() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw CommandException.usage("no password on standard input (--password-stdin reads one line)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw CommandException.usage("cannot read the password from standard input: " + e.getMessage());
        }
    }
}
