package dev.custos.jobs.reconciliation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import org.springframework.jdbc.core.RowMapper;

import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterStaging;

/**
 * Maps a row of {@link PermissionReconciliationJobConfig#GRANTS_UNDER_REVIEW}: the distinct grant,
 * its holder's roster columns (all {@code NULL} when the roster has none), the flag of last
 * month's findings and the number of staged rows merged.
 */
final class GrantUnderReviewRowMapper implements RowMapper<GrantUnderReview> {

    @Override
    public GrantUnderReview mapRow(ResultSet rs, int rowNum) throws SQLException {
        String employeeId = rs.getString("employee_id");
        Grant grant = new Grant(employeeId, rs.getString("system"), rs.getString("permission"),
                rs.getDate("granted_on").toLocalDate(), localDate(rs.getDate("last_used_on")));
        RosterEntry holder = rs.getString("status") == null ? null : RosterStaging.entry(rs);
        return new GrantUnderReview(grant, holder, rs.getBoolean("found_last_month"), rs.getInt("grant_rows"));
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
