package dev.custos.common.csv;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custos.csv.*}: how large one field and one record (the header included) of an input file
 * may be. A file is read a record at a time, so these bound the memory a run needs whatever the
 * file holds: a field longer than {@code maxFieldChars} rejects its row (file, line and column in
 * {@code rejects.csv}); a record longer than {@code maxRecordChars} cannot be skipped safely and
 * fails the run naming the file and the line it starts on.
 *
 * @param maxFieldChars  characters of one field; the default 65536 (64 Ki) is far above any
 *                       identifier, name or title of the exports
 * @param maxRecordChars characters of one record, quotes, separators and quoted line breaks
 *                       included; the default 1048576 (1 Mi)
 */
@ConfigurationProperties("custos.csv")
public record CsvLimits(@DefaultValue("65536") int maxFieldChars, @DefaultValue("1048576") int maxRecordChars) {

    public static final CsvLimits DEFAULTS = new CsvLimits(65536, 1048576);

    public CsvLimits {
        if (maxFieldChars < 1 || maxRecordChars < maxFieldChars) {
            throw new IllegalArgumentException("custos.csv.max-field-chars (" + maxFieldChars + ") must be at least 1"
                    + " and custos.csv.max-record-chars (" + maxRecordChars + ") at least as large");
        }
    }
}
