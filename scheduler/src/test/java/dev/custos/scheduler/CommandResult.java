package dev.custos.scheduler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import dev.custos.scheduler.cli.CustosCommandLine;

/**
 * One {@code custos} command run in this JVM: its exit code, what it printed on its out and err
 * writers, and what was written to the process's console meanwhile (log lines).
 */
public record CommandResult(int exitCode, String out, String err, String console) {

    /** Runs {@code custos args...} in-process, as {@code main} would but without exiting. */
    /** Runs {@code command} with {@code text} as standard input (a password read with --password-stdin). */
    public static CommandResult withStdin(String text, Supplier<CommandResult> command) {
        InputStream systemIn = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return command.get();
        } finally {
            System.setIn(systemIn);
        }
    }

    public static CommandResult custos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(new PrintStream(new Tee(systemOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(systemErr, console), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = InProcess.run(() -> CustosCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args));
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        return new CommandResult(code, out.toString(), err.toString(), console.toString(StandardCharsets.UTF_8));
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    /** Everything the command left for a person, for assertion messages. */
    public String describe() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err + "--- console:\n" + console;
    }

    /** Whether a stack trace or a raw exception reached out, err or the console. */
    public boolean showsStackTrace() {
        return (out + err + console).lines()
                .anyMatch(line -> line.startsWith("\tat ") || line.contains("Exception:"));
    }

    /** Writes to the real console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            console.write(bytes, offset, length);
            copy.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
