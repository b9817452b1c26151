package dev.custos.jobs.training;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;

import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterStaging;

/**
 * Maps a row of {@link TrainingCoverageJobConfig#EMPLOYEES_WITH_COMPLETIONS}: the employee's
 * columns and their completions packed as {@code course|date|score;...}.
 */
final class EmployeeCompletionsRowMapper implements RowMapper<EmployeeCompletions> {

    private ResultSet resultSet;
    private RosterStaging.Columns employeeColumns;
    private int completionsColumn;

    @Override
    public EmployeeCompletions mapRow(ResultSet rs, int rowNum) throws SQLException {
        if (rs != resultSet) {
            // looked up by name once per result set, not on every row
            employeeColumns = RosterStaging.columns(rs);
            completionsColumn = rs.findColumn("completions");
            resultSet = rs;
        }
        RosterEntry employee = RosterStaging.entry(rs, employeeColumns);
        return new EmployeeCompletions(employee, completions(employee.employeeId(), rs.getString(completionsColumn)));
    }

    private static List<Completion> completions(String employeeId, String packed) {
        List<Completion> completions = new ArrayList<>();
        if (packed == null || packed.isEmpty()) {
            return completions;
        }
        for (String entry : packed.split(";")) {
            String[] parts = entry.split("\\|", -1);
            Integer score = parts[2].isEmpty() ? null : Integer.valueOf(parts[2]);
            completions.add(new Completion(employeeId, parts[0], LocalDate.parse(parts[1]), score));
        }
        return completions;
    }
}
