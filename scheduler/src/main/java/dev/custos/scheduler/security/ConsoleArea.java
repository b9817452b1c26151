package dev.custos.scheduler.security;

import java.util.Collection;
import java.util.List;

/**
 * The console's pages by area and the roles that may open them, the one list both
 * {@link ConsoleSecurity} (a page not allowed answers 403) and the navigation (its item is absent)
 * read. The overview is every logged-in user's start page and is no area.
 */
public enum ConsoleArea {
    EXECUTIONS("/executions", "Executions", Role.OPS, Role.AUDITOR),
    SCHEDULES("/schedules", "Schedules", Role.OPS, Role.AUDITOR),
    KPIS("/kpis", "KPIs", Role.OPS, Role.MANAGER, Role.AUDITOR),
    EVIDENCE("/evidence", "Evidence", Role.ADMIN, Role.AUDITOR),
    BACKUPS("/backups", "Backups", Role.OPS, Role.AUDITOR),
    ALERTS("/alerts", "Alerts", Role.OPS, Role.AUDITOR),
    AUDIT("/audit", "Audit log", Role.ADMIN, Role.AUDITOR),
    APPROVALS("/approvals", "Approvals", Role.ADMIN, Role.AUDITOR);

    private final String path;
    private final String title;
    private final List<Role> roles;

    ConsoleArea(String path, String title, Role... roles) {
        this.path = path;
        this.title = title;
        this.roles = List.of(roles);
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    /** The roles granted the area (ADMIN reaches the OPS areas through the OPS it holds). */
    List<Role> roles() {
        return roles;
    }

    /** Whether a user holding {@code held} (a role's {@link Role#grants()}) may open the area. */
    public boolean allows(Collection<Role> held) {
        return held.stream().anyMatch(roles::contains);
    }
}
