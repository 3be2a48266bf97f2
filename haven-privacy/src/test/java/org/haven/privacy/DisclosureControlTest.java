package org.haven.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class DisclosureControlTest {

    /*
     * Worked by hand, threshold 7, base 5:
     *
     *            X    Y    Z  | total
     *     A      5   20   30  |   55
     *     B     12   40    9  |   61
     *   total   17   60   39  |  116
     *
     * Primary: A/X = 5 <= 7. No total is small.
     * Rows first: row A has one suppression, its smallest other cell is A/Y (20) -> secondary.
     * Columns: X has one (A/X); its only other cell is B/X (12) -> secondary. Y now has one (A/Y); its only other
     * cell is B/Y (40) -> secondary. Next pass: every row and column has 0 or 2 suppressions; done.
     * Shown, rounded: A/Z 30, B/Z 10 (9), totals A 55, B 60 (61), X 15 (17), Y 60, Z 40 (39), grand 115 (116).
     */
    @Test
    void aTableWorkedByHand() {
        CountTable table = CountTable.of(List.of("A", "B"), List.of("X", "Y", "Z"),
                new long[][] {{5, 20, 30}, {12, 40, 9}});

        ProtectedTable result = DisclosureControl.withDefaults().protect(table);

        assertThat(result.status(0, 0)).isEqualTo(CellStatus.PRIMARY_SUPPRESSED);
        assertThat(result.status(0, 1)).isEqualTo(CellStatus.SECONDARY_SUPPRESSED);
        assertThat(result.status(1, 0)).isEqualTo(CellStatus.SECONDARY_SUPPRESSED);
        assertThat(result.status(1, 1)).isEqualTo(CellStatus.SECONDARY_SUPPRESSED);
        assertThat(result.value(0, 0)).isNull();
        assertThat(result.value(0, 2)).isEqualTo(30);
        assertThat(result.value(1, 2)).isEqualTo(10);
        assertThat(result.rowTotal(0)).isEqualTo(55);
        assertThat(result.rowTotal(1)).isEqualTo(60);
        assertThat(result.columnTotal(0)).isEqualTo(15);
        assertThat(result.columnTotal(1)).isEqualTo(60);
        assertThat(result.columnTotal(2)).isEqualTo(40);
        assertThat(result.grandTotal()).isEqualTo(115);
        assertThat(result.notes()).extracting(SuppressionNote::row, SuppressionNote::column, SuppressionNote::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "X", CellStatus.PRIMARY_SUPPRESSED),
                        org.assertj.core.groups.Tuple.tuple("A", "Y", CellStatus.SECONDARY_SUPPRESSED),
                        org.assertj.core.groups.Tuple.tuple("B", "X", CellStatus.SECONDARY_SUPPRESSED),
                        org.assertj.core.groups.Tuple.tuple("B", "Y", CellStatus.SECONDARY_SUPPRESSED));
        assertThat(result.notes().get(0).explanation()).isEqualTo("count of 7 or fewer").doesNotContain("5");
        assertThat(result.summary()).contains("1 figure(s) suppressed as small, 3 more");
    }

    @Test
    void derivedFiguresFollowTheCounts() {
        CountTable table = CountTable.of(List.of("A", "B"), List.of("X", "Y", "Z"),
                new long[][] {{5, 20, 30}, {12, 40, 9}});
        ProtectedTable result = DisclosureControl.withDefaults().protect(table);
        Double[][] means = result.protect(new double[][] {{71.2, 80.0, 66.1}, {70.0, 75.5, 90.25}});
        assertThat(means[0]).containsExactly(null, null, 66.1);
        assertThat(means[1]).containsExactly(null, null, 90.25);
        assertThat(result.protectFigure(0, 3, 72.0)).isEqualTo(72.0);
        assertThat(result.protectFigure(0, 0, 71.2)).isNull();
    }

    @Test
    void aOneWayTableHidesASecondCategoryAndTheRepeatedColumnTotals() {
        ProtectedTable result = DisclosureControl.withDefaults().protect(
                CountTable.oneWay(List.of("a", "b", "c"), new long[] {3, 50, 120}));
        assertThat(result.value(0, 0)).isNull();
        assertThat(result.value(0, 1)).isNull();
        assertThat(result.value(0, 2)).isEqualTo(120);
        assertThat(result.rowTotal(0)).isEqualTo(175);
        // In a one-row table the column totals repeat the cells, so they are hidden with them.
        assertThat(result.columnTotal(0)).isNull();
        assertThat(result.columnTotal(1)).isNull();
    }

    @Test
    void roundingThatWouldLandOnTheThresholdSuppressesInstead() {
        ProtectedTable result = new DisclosureControl(new SdcSettings(10, 5)).protect(
                CountTable.oneWay(List.of("a", "b"), new long[] {11, 200}));
        assertThat(result.status(0, 0)).isEqualTo(CellStatus.PRIMARY_SUPPRESSED);
        assertThat(result.value(0, 1)).isNull();
    }

    @Test
    void aSmallTotalIsSuppressedToo() {
        ProtectedTable result = DisclosureControl.withDefaults().protect(
                CountTable.of(List.of("r1", "r2"), List.of("c1", "c2"), new long[][] {{0, 3}, {0, 4}}));
        for (int r = 0; r <= 2; r++) {
            for (int c = 0; c <= 2; c++) {
                assertThat(result.value(r, c)).isNull();
            }
        }
    }
}
