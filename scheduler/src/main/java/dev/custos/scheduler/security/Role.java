package dev.custos.scheduler.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.custos.common.command.CommandException;

/**
 * What a console user may do (issue 14): OPS launches and schedules, ADMIN does what OPS does and
 * restarts, stops, abandons, reruns and manages users, MANAGER reads KPIs and reports, AUDITOR
 * reads everything. A user has one role; the roles it grants are its Spring authorities.
 */
public enum Role {
    OPS, ADMIN, MANAGER, AUDITOR;

    /** The roles a user of this role holds: ADMIN holds OPS too. */
    public List<Role> grants() {
        return this == ADMIN ? List.of(ADMIN, OPS) : List.of(this);
    }

    public static Role parse(String text) {
        return Arrays.stream(values()).filter(role -> role.name().equals(text.toUpperCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> CommandException.usage("unknown role '" + text + "': a role is one of "
                        + String.join(", ", Arrays.stream(values()).map(Role::name).toList())));
    }
}
