package dev.custos.jobs.backup;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;
import dev.custos.jobs.backup.archive.BackupCatalog;
import dev.custos.jobs.backup.archive.BackupManifest;
import dev.custos.jobs.backup.archive.BackupVerificationException;

/**
 * The backups an operator sees ({@code custos backup list}). The store is the truth about what
 * exists: a backup is there exactly when its manifest is, and an id with objects but no manifest
 * is listed as incomplete (a failed or running run). Whether the run's verify step proved it comes
 * from {@code backup_object} in the results schema; a backup the results schema does not know
 * (another installation's, or its rows removed) is listed as not recorded. A manifest that cannot
 * be read is listed as damaged, with the problem, and the rest are listed all the same.
 * {@code custos backup verify} re-proves any of them from the store.
 */
public final class BackupListing {

    private static final String VERIFIED = "SELECT backup_id, verified, verified_at FROM {results}.backup_object";

    private final BackupCatalog catalog;
    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;

    public BackupListing(BackupCatalog catalog, JdbcTemplate jdbc, ResultsSchema schema) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /** Every backup and incomplete id of the store, oldest first. */
    public List<Line> lines() {
        Map<String, Recorded> recorded = new HashMap<>();
        jdbc.query(schema.sql(VERIFIED), rs -> {
            Timestamp at = rs.getTimestamp("verified_at");
            recorded.merge(rs.getString("backup_id"), new Recorded(rs.getBoolean("verified"),
                    at == null ? null : at.toInstant()), (a, b) -> a.verified() ? a : b);
        });
        BackupCatalog.Listing listing = catalog.list();
        List<Line> lines = new ArrayList<>();
        for (String id : listing.ids()) {
            line(id, recorded.get(id)).ifPresent(lines::add);
        }
        for (String id : listing.incomplete()) {
            lines.add(new Line(id, null, null, State.INCOMPLETE, null, "", false, null));
        }
        lines.sort((a, b) -> BackupCatalog.ID_ORDER.compare(a.id(), b.id()));
        return lines;
    }

    /** The backup's line; empty when its manifest was deleted since the listing (retention ran). */
    private Optional<Line> line(String id, Recorded run) {
        Instant verifiedAt = run == null ? null : run.verifiedAt();
        Optional<BackupManifest> manifest;
        try {
            manifest = catalog.manifest(id);
        } catch (BackupVerificationException e) {
            return Optional.of(new Line(id, BackupCatalog.dayOf(id).orElse(null), null, State.DAMAGED, verifiedAt,
                    "", false, e.getMessage()));
        }
        State state = run == null ? State.NOT_RECORDED : run.verified() ? State.VERIFIED : State.NOT_VERIFIED;
        return manifest.map(m -> new Line(id, m.day(), m.archive().size(), state, verifiedAt,
                m.sources().stream().map(BackupManifest.Source::name).collect(Collectors.joining(",")),
                m.archive().encryption() != null, null));
    }

    /** How far a backup is proven. */
    public enum State {
        /** The run's verify step re-read it in full and it matched its manifest. */
        VERIFIED,
        /** Recorded by a run whose verify step has not passed. */
        NOT_VERIFIED,
        /** A manifest in the store that no run of this results schema recorded. */
        NOT_RECORDED,
        /** Objects without a manifest: not a backup. */
        INCOMPLETE,
        /** A manifest that cannot be read as one: {@code custos backup verify ID} names the problem too. */
        DAMAGED
    }

    /**
     * One line of the list; {@code size} is null for an incomplete or damaged id, {@code day} for
     * an incomplete one; {@code problem} says what is wrong with a damaged one (else null).
     */
    public record Line(String id, LocalDate day, Long size, State state, Instant verifiedAt, String sources,
                       boolean encrypted, String problem) {
    }

    private record Recorded(boolean verified, Instant verifiedAt) {
    }
}
