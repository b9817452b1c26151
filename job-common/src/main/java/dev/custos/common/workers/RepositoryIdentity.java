package dev.custos.common.workers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.results.ResultsSchema;

/**
 * The id of the job repository a node works against: the one row of {@code job_repository_identity},
 * written by the first node that asks. Managers put it on every partition request; a worker runs a
 * request only when its own repository has the same id.
 */
public final class RepositoryIdentity {

    private final JdbcTemplate jdbc;
    private final ResultsSchema schema;
    private volatile String id;

    public RepositoryIdentity(JdbcTemplate jdbc, ResultsSchema schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    public String id() {
        String known = id;
        if (known == null) {
            known = readOrCreate();
            id = known;
        }
        return known;
    }

    private String readOrCreate() {
        String stored = read();
        if (stored != null) {
            return stored;
        }
        try {
            jdbc.update(schema.sql("INSERT INTO {results}.job_repository_identity (singleton, id, created_at) VALUES (1, ?, ?)"),
                    UUID.randomUUID().toString(), Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException anotherNodeWroteItFirst) {
            // its row is the identity
        }
        return read();
    }

    private String read() {
        List<String> ids = jdbc.queryForList(
                schema.sql("SELECT id FROM {results}.job_repository_identity WHERE singleton = 1"), String.class);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
