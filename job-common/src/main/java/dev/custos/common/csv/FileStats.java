package dev.custos.common.csv;

/**
 * The fingerprint of one input file as it was read, kept as evidence of what a run processed.
 *
 * @param file     the file name, without directory
 * @param bytes    the file's size in bytes, BOM included
 * @param sha256   the SHA-256 of the file's bytes, lower-case hex
 * @param rowsRead the data records read (accepted plus rejected); blank lines are not records
 */
public record FileStats(String file, long bytes, String sha256, long rowsRead) {
}
