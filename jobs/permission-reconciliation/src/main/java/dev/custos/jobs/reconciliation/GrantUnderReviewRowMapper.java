package dev.custos.jobs.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import org.springframework.jdbc.core.RowMapper;

import dev.custos.common.roster.RosterEntry;
import dev.custos.common.roster.RosterStaging;

/**
 * Maps a row of {@link PermissionReconciliationJobConfig#GRANTS_UNDER_REVIEW}: the distinct grant,
 * its holder's roster columns (all {@code NULL} when the roster has none), the flag of last
 * month's findings and the number of staged rows merged. The columns are looked up by name once
 * per result set ({@link Columns}), not on every row.
 */
final class GrantUnderReviewRowMapper implements RowMapper<GrantUnderReview> {

    private ResultSet resultSet;
    private Columns columns;

    @Override
    public GrantUnderReview mapRow(ResultSet rs, int rowNum) throws SQLException {
        Columns at = columnsOf(rs);
        Grant grant = new Grant(rs.getString(at.employeeId()), rs.getString(at.system()), rs.getString(at.permission()),
                rs.getObject(at.grantedOn(), LocalDate.class), rs.getObject(at.lastUsedOn(), LocalDate.class));
        RosterEntry holder = at.holder().present(rs) ? RosterStaging.entry(rs, at.holder()) : null;
        return new GrantUnderReview(grant, holder, rs.getBoolean(at.foundLastMonth()), rs.getInt(at.grantRows()));
    }

    private Columns columnsOf(ResultSet rs) throws SQLException {
        if (rs != resultSet) {
            columns = new Columns(rs.findColumn("employee_id"), rs.findColumn("system"), rs.findColumn("permission"),
                    rs.findColumn("granted_on"), rs.findColumn("last_used_on"), rs.findColumn("found_last_month"),
                    rs.findColumn("grant_rows"), RosterStaging.columns(rs));
            resultSet = rs;
        }
        return columns;
    }

    private record Columns(int employeeId, int system, int permission, int grantedOn, int lastUsedOn,
                           int foundLastMonth, int grantRows, RosterStaging.Columns holder) {
    }
}
