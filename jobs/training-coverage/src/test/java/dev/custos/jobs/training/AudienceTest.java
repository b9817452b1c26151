package dev.custos.jobs.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.custos.common.roster.EmploymentStatus;
import dev.custos.common.roster.RosterEntry;

class AudienceTest {

    @ParameterizedTest
    @ValueSource(strings = {"ALL", "all", " All "})
    void allIsReadInAnyCase(String text) {
        assertThat(Audience.parse(text)).isEqualTo(Audience.All.INSTANCE);
    }

    @Test
    void departmentPrefixIsCaseInsensitiveAndNameIsTrimmed() {
        assertThat(Audience.parse(" Department:  Customer Support ")).isEqualTo(new Audience.Department("Customer Support"));
    }

    @Test
    void rolePrefixIsCaseInsensitiveAndNameIsTrimmed() {
        assertThat(Audience.parse("ROLE: Account Executive")).isEqualTo(new Audience.Role("Account Executive"));
    }

    @Test
    void nameMayContainAColon() {
        assertThat(Audience.parse("role:Lead: EMEA")).isEqualTo(new Audience.Role("Lead: EMEA"));
    }

    @Test
    void toStringIsTheCanonicalText() {
        assertThat(Audience.parse("all")).hasToString("ALL");
        assertThat(Audience.parse("DEPARTMENT: Sales ")).hasToString("department:Sales");
        assertThat(Audience.parse("Role:Manager")).hasToString("role:Manager");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALL", "department:Sales", "role:Account Executive"})
    void canonicalTextReadsBackAsTheSameAudience(String text) {
        Audience audience = Audience.parse(text);

        assertThat(Audience.parse(audience.toString())).isEqualTo(audience);
    }

    @ParameterizedTest
    @ValueSource(strings = {"department:", "department:   ", "role:", "everyone", "team:Platform", "department Sales",
        "ALL staff"})
    void anythingElseIsRejectedWithoutQuotingTheText(String text) {
        assertThatThrownBy(() -> Audience.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audience must be ALL, department:NAME or role:NAME");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void missingTextIsRejected(String text) {
        assertThatThrownBy(() -> Audience.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("audience must be ALL, department:NAME or role:NAME");
    }

    @Test
    void allAppliesToEveryEmployee() {
        assertThat(Audience.parse("ALL").appliesTo(employee("Legal", "Counsel"))).isTrue();
        assertThat(Audience.parse("ALL").appliesTo(employee(null, null))).isTrue();
    }

    @Test
    void departmentAppliesIgnoringCaseAndSurroundingBlanks() {
        Audience sales = Audience.parse("department:Sales");

        assertThat(sales.appliesTo(employee(" SALES  ", "Manager"))).isTrue();
        assertThat(sales.appliesTo(employee("Sales Operations", "Manager"))).isFalse();
        assertThat(sales.appliesTo(employee(null, "Manager"))).isFalse();
    }

    @Test
    void roleAppliesIgnoringCaseAndSurroundingBlanks() {
        Audience manager = Audience.parse("role:Manager");

        assertThat(manager.appliesTo(employee("Sales", "manager "))).isTrue();
        assertThat(manager.appliesTo(employee("Sales", "Vendor Manager"))).isFalse();
        assertThat(manager.appliesTo(employee("Sales", null))).isFalse();
    }

    @Test
    void departmentAudienceDoesNotMatchARoleOfTheSameName() {
        assertThat(Audience.parse("department:Legal").appliesTo(employee("Finance", "Legal"))).isFalse();
    }

    @Test
    void blankNameCannotBeConstructedDirectly() {
        assertThatThrownBy(() -> new Audience.Department(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Audience.Role(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RosterEntry employee(String department, String role) {
        return new RosterEntry("E1", "Ann Lee", department, role, EmploymentStatus.ACTIVE, LocalDate.of(2020, 1, 6), null);
    }
}
