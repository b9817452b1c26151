package dev.custos.jobs.backup.archive;

/** How sensitive a source's data is; {@link #RESTRICTED} data is only ever stored encrypted. */
public enum Classification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED
}
