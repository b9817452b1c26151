package dev.custos.jobs.backup.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;


import org.junit.jupiter.api.Test;

class TsvPartTest {

    private static String text(TsvPart part) {
        return new String(part.buffer(), 0, part.size(), StandardCharsets.UTF_8);
    }

    @Test
    void headerLineNamesTheColumnsAndNullIsBackslashN() {
        TsvPart part = new TsvPart(64, List.of("id", "name"));
        part.text("1");
        part.text(null);
        part.endRow();

        assertThat(text(part)).isEqualTo("id\tname\n1\t\\N\n");
        assertThat(part.rows()).isEqualTo(1);
    }

    @Test
    void tabNewlineCarriageReturnBackslashAndNulAreEscapedLikeLoadData() {
        TsvPart part = new TsvPart(4, List.of("v"));
        part.bytes(new byte[] {'a', '\t', 'b', '\n', '\r', '\\', 0, 'N'});
        part.endRow();

        assertThat(text(part)).isEqualTo("v\na\\tb\\n\\r\\\\\\0N\n");
    }

    @Test
    void theTextBackslashNIsNotNull() {
        TsvPart part = new TsvPart(4, List.of("v"));
        part.text("\\N");
        part.endRow();

        assertThat(text(part)).isEqualTo("v\n\\\\N\n");
    }

    @Test
    void restartKeepsTheHeaderAndForgetsTheRows() {
        TsvPart part = new TsvPart(4, List.of("a", "b"));
        part.text("x");
        part.text("y");
        part.endRow();

        part.restart();

        assertThat(text(part)).isEqualTo("a\tb\n");
        assertThat(part.rows()).isZero();
    }

    @Test
    void restartForAnotherTableKeepsTheBufferAndHoldsOnlyThatTablesHeader() {
        TsvPart part = new TsvPart(64, List.of("a", "b"));
        part.text("x");
        part.text("y");
        part.endRow();
        byte[] buffer = part.buffer();

        part.restart(List.of("id"));

        assertThat(text(part)).isEqualTo("id\n");
        assertThat(part.rows()).isZero();
        assertThat(part.buffer()).isSameAs(buffer);
    }
}
