package dev.custos.common.job;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.results.ResultsRepository;

/**
 * Writes a chunk of parsed rows: accepted rows into the job's staging table, rejected rows into
 * the reject table, both in the chunk's transaction. A crash loses the chunk as a whole and the
 * restart reads it again, so no row is counted twice or lost.
 */
public class StagingWriter<T> implements ItemWriter<ParsedRow<T>> {

    private final JdbcTemplate jdbc;
    private final ResultsRepository results;
    private final String insertSql;
    private final StagingBinder<T> binder;

    public StagingWriter(JdbcTemplate jdbc, ResultsRepository results, String insertSql, StagingBinder<T> binder) {
        this.jdbc = jdbc;
        this.results = results;
        this.insertSql = insertSql;
        this.binder = binder;
    }

    @Override
    public void write(Chunk<? extends ParsedRow<T>> chunk) {
        long jobInstanceId = currentJobInstanceId();
        List<ParsedRow.Accepted<T>> accepted = new ArrayList<>(chunk.size());
        List<ParsedRow.Rejected<?>> rejected = new ArrayList<>();
        for (ParsedRow<T> row : chunk) {
            if (row instanceof ParsedRow.Accepted<T> a) {
                accepted.add(a);
            } else if (row instanceof ParsedRow.Rejected<T> r) {
                rejected.add(r);
            }
        }
        if (!accepted.isEmpty()) {
            jdbc.batchUpdate(insertSql, accepted, accepted.size(),
                    (statement, row) -> binder.bind(statement, jobInstanceId, row));
        }
        results.insertRejects(jobInstanceId, rejected);
    }

    static long currentJobInstanceId() {
        var context = StepSynchronizationManager.getContext();
        if (context == null) {
            throw new IllegalStateException("StagingWriter used outside a step");
        }
        return context.getStepExecution().getJobExecution().getJobInstanceId();
    }
}
