package dev.custos.common.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RejectedValueTest {

    @ParameterizedTest
    @CsvSource({
        "DATE, 2025-02-30", "DATE, 31/08/2026", "DATE, 2026-11-24T10:00Z",
        "NUMBER, 101", "NUMBER, -3", "NUMBER, '79,5'",
        "KEYWORD, SEVERE", "KEYWORD, retired", "KEYWORD, NOT_APPLICABLE",
        "IDENTIFIER, E000001", "IDENTIFIER, CRM:EXPORT", "IDENTIFIER, AF-2024-001", "IDENTIFIER, team:red"})
    void shortCodedValueIsQuoted(RejectedValue kind, String value) {
        assertThat(kind.quote(value)).isEqualTo("'" + value + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zyxwv Qwertyuiop", "zq.marker@example.com", "Søren", "O'Brien", "Smith, Ann", "yesterday"})
    void nameOrEmailInADateFieldIsNotShown(String value) {
        assertThat(RejectedValue.DATE.quote(value)).isEqualTo("value not shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zyxwv Qwertyuiop", "zq.marker@example.com", "Søren", "abc", "12 apples"})
    void nameOrTextInANumberFieldIsNotShown(String value) {
        assertThat(RejectedValue.NUMBER.quote(value)).isEqualTo("value not shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zyxwv Qwertyuiop", "zq.marker@example.com", "Søren", "on leave", "Sales.EMEA"})
    void nameEmailOrFreeTextInAKeywordFieldIsNotShown(String value) {
        assertThat(RejectedValue.KEYWORD.quote(value)).isEqualTo("value not shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zyxwv Qwertyuiop", "zq.marker@example.com", "Søren", "department:Customer Support"})
    void nameEmailOrFreeTextInAnIdentifierFieldIsNotShown(String value) {
        assertThat(RejectedValue.IDENTIFIER.quote(value)).isEqualTo("value not shown");
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 200})
    void valueLongerThanThirtyTwoCharactersIsNotShownWhateverItIsMadeOf(int length) {
        String digits = "1".repeat(length);

        for (RejectedValue kind : RejectedValue.values()) {
            assertThat(kind.mayBeShown(digits)).as(kind.name()).isFalse();
        }
        assertThat(RejectedValue.NUMBER.mayBeShown("1".repeat(32))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2025-02-30\n", "2025-02-30\u0000"})
    void emptyValueOrOneWithControlCharactersIsNotShown(String value) {
        assertThat(RejectedValue.DATE.mayBeShown(value)).isFalse();
    }
}
