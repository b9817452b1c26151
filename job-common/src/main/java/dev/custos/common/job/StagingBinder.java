package dev.custos.common.job;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.custos.common.csv.ParsedRow;

/** Binds one accepted input row to the staging INSERT of its job. */
@FunctionalInterface
public interface StagingBinder<T> {

    void bind(PreparedStatement statement, long jobInstanceId, ParsedRow.Accepted<T> row) throws SQLException;
}
