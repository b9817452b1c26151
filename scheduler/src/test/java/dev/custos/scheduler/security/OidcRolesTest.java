package dev.custos.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class OidcRolesTest {

    private final OidcRoles mapped = new OidcRoles(Map.of("custos-admins", Role.ADMIN, "auditors", Role.AUDITOR));
    private final OidcRoles byName = new OidcRoles(Map.of());

    @Test
    void aMappedGroupGrantsItsRoleAndAnAdminHoldsOpsToo() {
        assertThat(mapped.of(List.of("staff", "custos-admins"))).containsExactlyInAnyOrder(Role.ADMIN, Role.OPS);
    }

    @Test
    void severalMappedGroupsGrantEveryRoleTheyMapTo() {
        assertThat(mapped.of(List.of("auditors", "custos-admins"))).containsExactlyInAnyOrder(Role.ADMIN, Role.OPS,
                Role.AUDITOR);
    }

    @Test
    void withAMappingARolesOwnNameGrantsNothing() {
        assertThat(mapped.of(List.of("ADMIN"))).isEmpty();
    }

    @Test
    void withoutAMappingAValueNamingARoleInAnyCaseIsThatRole() {
        assertThat(byName.of(List.of("manager"))).containsExactly(Role.MANAGER);
    }

    @Test
    void aClaimAsOneStringIsSplitAtSpacesAndCommas() {
        assertThat(mapped.of("staff custos-admins")).contains(Role.ADMIN);
        assertThat(byName.of("staff,auditor")).containsExactly(Role.AUDITOR);
    }

    @Test
    void aMissingOrUnmappedClaimGrantsNoRole() {
        assertThat(mapped.of(null)).isEmpty();
        assertThat(mapped.of(List.of("staff"))).isEmpty();
        assertThat(mapped.of(42)).isEmpty();
    }
}
