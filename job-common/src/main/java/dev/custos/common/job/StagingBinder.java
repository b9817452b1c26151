package dev.custos.common.job;

import java.sql.SQLException;

import dev.custos.common.csv.ParsedRow;

/** Sets the columns of the staging INSERT of its job for one accepted input row. */
@FunctionalInterface
public interface StagingBinder<T> {

    void bind(StagingRow columns, long jobInstanceId, ParsedRow.Accepted<T> row) throws SQLException;
}
