package dev.custos.jobs.training;

import java.util.Locale;

import dev.custos.common.roster.RosterEntry;

/**
 * Who must take a course: everyone, one department or one role. Names are compared trimmed and
 * case-insensitively, because the LMS and the HR system spell them independently.
 */
public sealed interface Audience {

    String DEPARTMENT_PREFIX = "department:";
    String ROLE_PREFIX = "role:";

    boolean appliesTo(RosterEntry employee);

    /**
     * Parses {@code ALL}, {@code department:NAME} or {@code role:NAME}; the keyword and prefix
     * are case-insensitive and surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException for any other text, including a prefix without a name
     */
    static Audience parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return All.INSTANCE;
        }
        if (lower.startsWith(DEPARTMENT_PREFIX)) {
            String name = trimmed.substring(DEPARTMENT_PREFIX.length()).trim();
            if (!name.isEmpty()) {
                return new Department(name);
            }
        }
        if (lower.startsWith(ROLE_PREFIX)) {
            String name = trimmed.substring(ROLE_PREFIX.length()).trim();
            if (!name.isEmpty()) {
                return new Role(name);
            }
        }
        throw new IllegalArgumentException(
                "audience must be ALL, department:NAME or role:NAME");
    }

    /** Every employee. */
    enum All implements Audience {
        INSTANCE;

        @Override
        public boolean appliesTo(RosterEntry employee) {
            return true;
        }

        @Override
        public String toString() {
            return "ALL";
        }
    }

    /** The employees of one department. */
    record Department(String name) implements Audience {

        public Department {
            name = requireName(name);
        }

        @Override
        public boolean appliesTo(RosterEntry employee) {
            return sameName(name, employee.department());
        }

        @Override
        public String toString() {
            return DEPARTMENT_PREFIX + name;
        }
    }

    /** The employees holding one role, in whichever department. */
    record Role(String name) implements Audience {

        public Role {
            name = requireName(name);
        }

        @Override
        public boolean appliesTo(RosterEntry employee) {
            return sameName(name, employee.role());
        }

        @Override
        public String toString() {
            return ROLE_PREFIX + name;
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("audience name must not be blank");
        }
        return name.trim();
    }

    private static boolean sameName(String audienceName, String employeeValue) {
        return employeeValue != null && audienceName.equalsIgnoreCase(employeeValue.trim());
    }
}
