package dev.custos.jobs.reconciliation.sample;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.custos.jobs.reconciliation.Entitlement;

/**
 * The made-up company behind the sample files: six roles entitled to ten (system, permission)
 * pairs each (60 policy lines), and which of the four IAM exports lists each system.
 */
final class SampleCatalog {

    /** One role, its department, its share of the head count and the permissions it may hold. */
    record Role(String name, String department, int weight, List<Entitlement> entitlements) {
    }

    /** Directory groups: mail and VPN, plus copies of application grants provisioned through groups. */
    static final String DIRECTORY_FILE = "access_grants_directory.csv";
    static final String BUSINESS_FILE = "access_grants_business_apps.csv";
    static final String ENGINEERING_FILE = "access_grants_engineering.csv";
    static final String WAREHOUSE_FILE = "access_grants_warehouse.csv";
    static final List<String> GRANT_FILES = List.of(DIRECTORY_FILE, BUSINESS_FILE, ENGINEERING_FILE, WAREHOUSE_FILE);

    private static final Map<String, String> FILE_OF_SYSTEM = Map.of(
            "MAIL", DIRECTORY_FILE, "VPN", DIRECTORY_FILE,
            "CRM", BUSINESS_FILE, "ERP", BUSINESS_FILE, "HRIS", BUSINESS_FILE,
            "GIT", ENGINEERING_FILE, "TICKETS", ENGINEERING_FILE,
            "DWH", WAREHOUSE_FILE);

    static final List<Role> ROLES = List.of(
            role("Sales Representative", "Sales", 25, "MAIL:USER", "VPN:USER", "CRM:READ", "CRM:WRITE", "CRM:EXPORT",
                    "TICKETS:READ", "TICKETS:WRITE", "DWH:READ", "ERP:READ", "HRIS:SELF_SERVICE"),
            role("Support Agent", "Support", 24, "MAIL:USER", "VPN:USER", "CRM:READ", "CRM:WRITE", "TICKETS:READ",
                    "TICKETS:WRITE", "DWH:READ", "GIT:READ", "ERP:READ", "HRIS:SELF_SERVICE"),
            role("Software Engineer", "Engineering", 26, "MAIL:USER", "VPN:USER", "GIT:READ", "GIT:WRITE",
                    "TICKETS:READ", "TICKETS:WRITE", "DWH:READ", "CRM:READ", "ERP:READ", "HRIS:SELF_SERVICE"),
            role("Finance Officer", "Finance", 12, "MAIL:USER", "VPN:USER", "ERP:READ", "ERP:POST", "ERP:APPROVE",
                    "DWH:READ", "DWH:QUERY_PII", "CRM:READ", "TICKETS:READ", "HRIS:SELF_SERVICE"),
            role("HR Partner", "HR", 8, "MAIL:USER", "VPN:USER", "HRIS:READ", "HRIS:WRITE", "HRIS:SELF_SERVICE",
                    "DWH:READ", "DWH:QUERY_PII", "TICKETS:READ", "TICKETS:WRITE", "ERP:READ"),
            role("IT Administrator", "IT", 5, "MAIL:USER", "MAIL:ADMIN", "VPN:ADMIN", "GIT:ADMIN", "TICKETS:ADMIN",
                    "CRM:ADMIN", "ERP:ADMIN", "HRIS:ADMIN", "DWH:ADMIN", "HRIS:SELF_SERVICE"));

    private static final int TOTAL_WEIGHT = ROLES.stream().mapToInt(Role::weight).sum();

    private SampleCatalog() {
    }

    /** The export that lists grants on {@code system}. */
    static String fileOf(String system) {
        return FILE_OF_SYSTEM.get(system);
    }

    static Role pickRole(SplittableRandom random) {
        int ticket = random.nextInt(TOTAL_WEIGHT);
        for (Role role : ROLES) {
            ticket -= role.weight();
            if (ticket < 0) {
                return role;
            }
        }
        throw new IllegalStateException("role weights do not add up to " + TOTAL_WEIGHT);
    }

    /** A permission of another role that {@code role} is not entitled to. */
    static Entitlement excessFor(Role role, SplittableRandom random) {
        while (true) {
            Role other = ROLES.get(random.nextInt(ROLES.size()));
            Entitlement candidate = other.entitlements().get(random.nextInt(other.entitlements().size()));
            Entitlement asOwn = new Entitlement(role.name(), candidate.system(), candidate.permission());
            if (!role.entitlements().contains(asOwn)) {
                return asOwn;
            }
        }
    }

    private static Role role(String name, String department, int weight, String... systemPermissions) {
        List<Entitlement> entitlements = java.util.Arrays.stream(systemPermissions)
                .map(pair -> pair.split(":"))
                .map(pair -> new Entitlement(name, pair[0], pair[1]))
                .toList();
        return new Role(name, department, weight, entitlements);
    }
}
