package dev.custos.scheduler.web;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;

import dev.custos.scheduler.security.Authenticated;
import dev.custos.scheduler.security.ConsoleArea;
import dev.custos.scheduler.security.Role;

/**
 * The logged-in user as the pages see them: the name and own role the header shows, the areas the
 * navigation lists and the actions whose buttons a page shows. A button the role may not use is
 * not rendered at all; {@code ConsoleSecurity} refuses its request anyway. Public for the templates.
 */
public record Viewer(String name, Role role, Set<Role> held) {

    static Viewer of(Authentication user) {
        Set<Role> held = Authenticated.roles(user);
        return new Viewer(user.getName(), Authenticated.ownRole(held).orElse(null), held);
    }

    /** The areas the navigation shows, in the navigation's order. */
    public List<ConsoleArea> areas() {
        return Arrays.stream(ConsoleArea.values()).filter(this::may).toList();
    }

    public boolean may(ConsoleArea area) {
        return area.allows(held);
    }

    /** Restart, stop, abandon, rerun a completed period, backfill, approve or reject a four-eyes request: ADMIN's. */
    public boolean canAdminister() {
        return held.contains(Role.ADMIN);
    }

    public boolean canLaunch() {
        return held.contains(Role.OPS);
    }

    public boolean canChangeSchedules() {
        return held.contains(Role.OPS);
    }
}
