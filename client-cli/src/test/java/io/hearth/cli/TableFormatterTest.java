package io.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableFormatterTest {

    @Test
    void padsEachColumnToItsWidestCellWithoutTrailingSpaces() {
        TableFormatter table = new TableFormatter("ID", "NAME", "OWNER")
                .addRow("1", "Ada Lovelace", "-")
                .addRow("12345", "Bo", "alice");

        assertThat(print(table).lines())
                .containsExactly("ID     NAME          OWNER", "1      Ada Lovelace  -", "12345  Bo            alice");
    }

    @Test
    void wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        TableFormatter table = new TableFormatter("NAME", "CITY")
                .addRow("山田花子", "東京")
                .addRow("Ada", "Zu\u0308rich") // u + combining diaeresis: one column
                .addRow("김민준", "서울");

        assertThat(print(table).lines())
                .containsExactly("NAME      CITY", "山田花子  東京", "Ada       Zu\u0308rich", "김민준    서울");
        assertThat(DisplayWidth.of("山田花子")).isEqualTo(8);
        assertThat(DisplayWidth.of("ｱｲｳ")).as("halfwidth katakana").isEqualTo(3);
        assertThat(DisplayWidth.of("ＡＢ")).as("fullwidth forms").isEqualTo(4);
        assertThat(DisplayWidth.of("\uD840\uDC0B"))
                .as("a CJK ideograph beyond the BMP")
                .isEqualTo(2);
    }

    @Test
    void keepsACellWithLineBreaksOnOneLine() {
        TableFormatter table = new TableFormatter("A", "B").addRow("x\ny", "z\tw");

        assertThat(print(table).lines()).containsExactly("A    B", "x y  z w");
    }

    @Test
    void printsDetailLinesUnderTheirRowWithoutWideningColumns() {
        TableFormatter table = new TableFormatter("A", "B")
                .addRow("1", "x")
                .addDetail("    a long detail line   ")
                .addRow("2", "y");

        assertThat(print(table).lines()).containsExactly("A  B", "1  x", "    a long detail line", "2  y");
    }

    @Test
    void aDetailNeedsARow() {
        TableFormatter table = new TableFormatter("A");

        assertThatThrownBy(() -> table.addDetail("orphan")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        TableFormatter table = new TableFormatter("A", "B");

        assertThatThrownBy(() -> table.addRow("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String print(TableFormatter table) {
        StringWriter out = new StringWriter();
        table.printTo(new PrintWriter(out, true));
        return out.toString();
    }
}
