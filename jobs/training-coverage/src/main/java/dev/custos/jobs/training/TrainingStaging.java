package dev.custos.jobs.training;

import java.sql.SQLException;
import java.sql.Types;

import dev.custos.common.csv.ParsedRow;
import dev.custos.common.job.StagingRow;
import dev.custos.common.roster.RosterStaging;

/**
 * The staging tables the three imports write into: each INSERT next to the binder of its
 * parameters. The roster's binder is the one every job shares, {@link RosterStaging#bind}.
 */
final class TrainingStaging {

    static final String INSERT_EMPLOYEE = RosterStaging.insertInto("tc_employee_stage");
    static final String INSERT_REQUIREMENT = """
            INSERT INTO {results}.tc_requirement_stage (job_instance_id, course_id, file, line, title, audience)
            VALUES (?, ?, ?, ?, ?, ?)""";
    static final String INSERT_COMPLETION = """
            INSERT INTO {results}.tc_completion_stage (job_instance_id, employee_id, file, line, course_id,
                                                       completed_on, score)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private TrainingStaging() {
    }

    static void bindRequirement(StagingRow ps, long jobInstanceId, ParsedRow.Accepted<Requirement> row)
            throws SQLException {
        Requirement r = row.value();
        ps.setLong(1, jobInstanceId);
        ps.setString(2, r.courseId());
        ps.setString(3, row.file());
        ps.setLong(4, row.line());
        ps.setString(5, r.title());
        ps.setString(6, r.audience().toString());
    }

    static void bindCompletion(StagingRow ps, long jobInstanceId, ParsedRow.Accepted<Completion> row)
            throws SQLException {
        Completion c = row.value();
        ps.setLong(1, jobInstanceId);
        ps.setString(2, c.employeeId());
        ps.setString(3, row.file());
        ps.setLong(4, row.line());
        ps.setString(5, c.courseId());
        ps.setDate(6, c.completedOn());
        if (c.score() == null) {
            ps.setNull(7, Types.INTEGER);
        } else {
            ps.setInt(7, c.score());
        }
    }
}
