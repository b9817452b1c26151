package dev.custos.common.results;

/** A rejected input row as written to {@code rejects.csv}. */
public record RejectRow(String file, long line, String reason) {
}
