package dev.custos.jobs.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class EntitlementsTest {

    private final Entitlements entitlements = Entitlements.of(List.of(
            new Entitlement("Analyst", "CRM", "READ"),
            new Entitlement("analyst", "dwh", "Query")));

    @Test
    void aRoleIsMatchedIgnoringCaseAndSurroundingBlanksEveryTimeItIsAsked() {
        for (int asked = 0; asked < 3; asked++) {
            assertThat(entitlements.allow("analyst", "crm", "read")).isTrue();
            assertThat(entitlements.allow(" ANALYST ", "Dwh", "query ")).isTrue();
            assertThat(entitlements.allow("Analyst", "CRM", "WRITE")).isFalse();
            assertThat(entitlements.allow("Engineer", "CRM", "READ")).isFalse();
        }
    }

    @Test
    void aBlankRoleHoldsNothingAndABlankSystemOrPermissionIsRefusedAsBefore() {
        assertThat(entitlements.allow(" ", "CRM", "READ")).isFalse();
        assertThat(entitlements.allow(null, "CRM", "READ")).isFalse();
        assertThatThrownBy(() -> entitlements.allow("Analyst", " ", "READ"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an entitlement needs a system");
        assertThatThrownBy(() -> entitlements.allow("Analyst", "CRM", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an entitlement needs a permission");
    }

    @Test
    void rolesBeyondTheRememberedOnesAreStillAnsweredExactly() {
        for (int role = 0; role < 25_000; role++) {
            assertThat(entitlements.allow("role " + role, "CRM", "READ")).isFalse();
        }
        assertThat(entitlements.allow("analyst", "crm", "read")).isTrue();
        assertThat(entitlements.allow("Analyst", "CRM", "WRITE")).isFalse();
    }
}
