package dev.custos.common.command;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How read commands print: times in ISO-8601 UTC with {@code Z} in every table and JSON document,
 * and {@code --format json} as one indented JSON document (the shapes are listed in the README).
 */
public final class CommandOutput {

    /** The description of a read command's {@code --format} option. */
    public static final String FORMAT_DESCRIPTION = "text (a table, the default) or json (a stable shape for scripts, "
            + "see the README)";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** What a read command prints. */
    public enum Format {
        text, json
    }

    private CommandOutput() {
    }

    /** {@code 2026-12-06T12:10:33Z}: to the second, so that table columns line up; null for null. */
    public static String utc(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A time kept as a local date-time of this JVM's zone (Spring Batch's and the results schema's). */
    public static String utc(LocalDateTime local) {
        return local == null ? null : utc(local.atZone(ZoneId.systemDefault()).toInstant());
    }

    /** {@code document} (maps, lists, strings, numbers, booleans, nulls) as indented JSON. */
    public static void printJson(PrintWriter out, Object document) {
        out.println(JSON.writeValueAsString(document));
    }
}
