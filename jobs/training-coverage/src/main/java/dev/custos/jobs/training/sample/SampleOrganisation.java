package dev.custos.jobs.training.sample;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.custos.common.roster.EmploymentStatus;
import dev.custos.common.roster.RosterEntry;
import dev.custos.jobs.training.Audience;
import dev.custos.jobs.training.Requirement;

/**
 * The made-up company behind the sample files: departments sized like a mid-sized firm, the
 * roles in each (some, like {@code Manager}, in several departments), staff names with the
 * accents and apostrophes real rosters carry, and the course catalog built on top of them.
 */
final class SampleOrganisation {

    /** One department, its share of the head count and its roles. */
    private record Department(String name, int weight, List<String> roles) {
    }

    /** A generated roster row: the employee plus the e-mail address the rule does not need. */
    record StaffMember(RosterEntry employee, String email) {
    }

    /** Roles are listed from the most to the least common in their department. */
    private static final List<Department> DEPARTMENTS = List.of(
            new Department("Sales", 18,
                    List.of("Account Executive", "Sales Development Rep", "Sales Engineer", "Manager")),
            new Department("Support", 16,
                    List.of("Support Agent", "Support Lead", "Technical Account Manager", "Manager")),
            new Department("Engineering", 22, List.of(
                    "Software Engineer", "Site Reliability Engineer", "QA Engineer", "Data Engineer", "Manager")),
            new Department("Finance", 7,
                    List.of("Accountant", "Financial Analyst", "Accounts Payable Clerk", "Controller")),
            new Department("HR", 5, List.of("HR Partner", "Recruiter", "Payroll Specialist", "Manager")),
            new Department("Legal", 3, List.of("Counsel", "Paralegal", "Privacy Officer")),
            new Department("Operations", 10,
                    List.of("Operations Analyst", "Facilities Coordinator", "Logistics Planner", "Manager")),
            new Department("Marketing", 8,
                    List.of("Marketing Specialist", "Content Writer", "Growth Analyst", "Manager")),
            new Department("Procurement", 4, List.of("Buyer", "Vendor Manager", "Contract Administrator")),
            new Department("Information Security", 7,
                    List.of("Security Analyst", "Security Engineer", "Security Architect")));

    private static final List<String> ALL_STAFF_COURSES = List.of(
            "Information Security Awareness",
            "Customer Data Protection: \"Need to Know\", Least Privilege");

    private static final Map<String, String> DEPARTMENT_COURSES = Map.of(
            "Sales", "Handling customer data in the CRM",
            "Support", "Redacting customer data in tickets",
            "Engineering", "Secure coding and production data access",
            "Finance", "Anti-money-laundering basics",
            "HR", "Handling employee records",
            "Legal", "Privacy law update",
            "Operations", "Physical security and clean desk",
            "Marketing", "Consent and marketing lists",
            "Procurement", "Vendor data-processing agreements",
            "Information Security", "Incident response drill");

    private static final String[] FIRST_NAMES = {
        "Anna", "Ben", "Chloé", "David", "Elif", "Fatima", "George", "Hana", "Ivan", "José",
        "Kofi", "Lena", "Łukasz", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Søren",
        "Tomás", "Uma", "Victor", "Wei", "Yara", "Zoë", "Aoife", "Mateo", "Sara", "Omar"};

    private static final String[] LAST_NAMES = {
        "Smith", "O'Brien", "García", "Müller", "Nguyen", "Kowalski", "Johansson", "Rossi", "Khan",
        "Okafor", "Van der Berg", "Dubois", "Silva", "Tanaka", "Novak", "Murphy", "Schmidt", "Ali",
        "Costa", "Fischer", "Hughes", "Ivanova", "Larsen", "Moreau", "Patel", "Reyes", "Sato",
        "Walsh", "Yilmaz", "Zhang"};

    private static final int TOTAL_WEIGHT = DEPARTMENTS.stream().mapToInt(Department::weight).sum();
    private static final double NEW_HIRE_SHARE = 0.03;
    private static final double DEPARTED_SHARE = 0.05;
    private static final double NAME_SUFFIX_SHARE = 0.005;
    private static final int LONGEST_TENURE_DAYS = 12 * 365;

    private SampleOrganisation() {
    }

    /**
     * The course catalog: one or two courses for all staff, then one per department, then
     * courses per role, shared roles first, so that most staff need three to five courses.
     * Ids are {@code TRN-001} onwards.
     */
    static List<Requirement> courses(int count) {
        int allStaff = Math.max(1, Math.min(ALL_STAFF_COURSES.size(), count / 4));
        int departments = Math.min(DEPARTMENTS.size(), (count - allStaff + 1) / 2);
        List<String> roles = rolesForCourses();
        List<Requirement> courses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String courseId = courseId(i + 1);
            if (i < allStaff) {
                courses.add(new Requirement(courseId, ALL_STAFF_COURSES.get(i), Audience.All.INSTANCE));
            } else if (i < allStaff + departments) {
                String department = DEPARTMENTS.get(i - allStaff).name();
                courses.add(new Requirement(courseId, DEPARTMENT_COURSES.get(department),
                        new Audience.Department(department)));
            } else {
                int roleCourse = i - allStaff - departments;
                String role = roles.get(roleCourse % roles.size());
                int level = roleCourse / roles.size() + 1;
                String title = "Customer-information duties: " + role + (level > 1 ? " (level " + level + ")" : "");
                courses.add(new Requirement(courseId, title, new Audience.Role(role)));
            }
        }
        return courses;
    }

    /** Distinct role names, those held in the most departments first, then in department order. */
    private static List<String> rolesForCourses() {
        Map<String, Integer> departmentsPerRole = new LinkedHashMap<>();
        int longest = DEPARTMENTS.stream().mapToInt(d -> d.roles().size()).max().orElse(0);
        for (int position = 0; position < longest; position++) {
            for (Department department : DEPARTMENTS) {
                if (position < department.roles().size()) {
                    departmentsPerRole.merge(department.roles().get(position), 1, Integer::sum);
                }
            }
        }
        List<String> roles = new ArrayList<>(departmentsPerRole.keySet());
        roles.sort(Comparator.comparing((String role) -> departmentsPerRole.get(role)).reversed());
        return roles;
    }

    static String courseId(int number) {
        return String.format(Locale.ROOT, "TRN-%03d", number);
    }

    static String employeeId(int number) {
        return String.format(Locale.ROOT, "E%06d", number);
    }

    /**
     * A roster row for employee {@code number}: about 3% hired within the last 30 days before
     * the quarter ends, about 5% departed (some before the quarter, some inside it, a few in the
     * days after it), the rest active.
     */
    static StaffMember staffMember(int number, LocalDate quarterStart, LocalDate quarterEnd, SplittableRandom random) {
        Department department = pickDepartment(random);
        String role = pickRole(department, random);
        String firstName = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
        String lastName = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String fullName = firstName + " " + lastName + (random.nextDouble() < NAME_SUFFIX_SHARE ? ", Jr." : "");
        String email = asciiLetters(firstName) + "." + asciiLetters(lastName) + number + "@example.com";

        double kind = random.nextDouble();
        EmploymentStatus status = EmploymentStatus.ACTIVE;
        LocalDate hiredOn;
        LocalDate departedOn = null;
        if (kind < NEW_HIRE_SHARE) {
            hiredOn = quarterEnd.minusDays(random.nextInt(30));
        } else if (kind < NEW_HIRE_SHARE + DEPARTED_SHARE) {
            status = EmploymentStatus.DEPARTED;
            departedOn = departureDate(quarterStart, quarterEnd, random);
            hiredOn = departedOn.minusDays(60 + random.nextInt(LONGEST_TENURE_DAYS));
        } else {
            hiredOn = quarterEnd.minusDays(30 + random.nextInt(LONGEST_TENURE_DAYS));
        }
        RosterEntry employee = new RosterEntry(
                employeeId(number), fullName, department.name(), role, status, hiredOn, departedOn);
        return new StaffMember(employee, email);
    }

    private static LocalDate departureDate(LocalDate quarterStart, LocalDate quarterEnd, SplittableRandom random) {
        double when = random.nextDouble();
        if (when < 0.4) {
            return SampleDates.between(quarterStart, quarterEnd, random);
        }
        if (when < 0.85) {
            return quarterStart.minusDays(1 + random.nextInt(2 * 365));
        }
        return quarterEnd.plusDays(1 + random.nextInt(14));
    }

    /** The lower of two draws, so the first roles of a department are the most common. */
    private static String pickRole(Department department, SplittableRandom random) {
        int roles = department.roles().size();
        return department.roles().get(Math.min(random.nextInt(roles), random.nextInt(roles)));
    }

    private static Department pickDepartment(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Department department : DEPARTMENTS) {
            ticket -= department.weight();
            if (ticket < 0) {
                return department;
            }
        }
        throw new IllegalStateException("department weights do not add up to " + TOTAL_WEIGHT);
    }

    /** {@code "Łukasz"} becomes {@code "lukasz"}, {@code "O'Brien"} becomes {@code "obrien"}. */
    private static String asciiLetters(String name) {
        String withoutAccents = Normalizer.normalize(name.replace("Ł", "L").replace("ø", "o"), Normalizer.Form.NFD);
        return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
