package io.pilu.enrich.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilu.model.IrActivity;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed record with its √ replaced by every tick glyph PDFs produce, and its □ by every empty box. */
class CheckGlyphVariantsTest {

    private static final AnnouncementEnricher ENRICHER = new AnnouncementEnricher();

    @ParameterizedTest
    @ValueSource(strings = {"√", "☑", "■", "✓", "✔", "▇", "☒"})
    void everyTickGlyphMarksTheCategory(String tick) {
        String text =
                Fixtures.text(Fixtures.SEED).replace("√特定对象调研", tick + "特定对象调研").replace("□路演活动", tick + "路演活动");
        IrActivity ir = enrich(text);
        assertThat(ir.activityTypes()).containsExactly("特定对象调研", "路演活动");
    }

    @ParameterizedTest
    @ValueSource(strings = {"□", "☐", "◻", "▢"})
    void everyEmptyBoxLeavesItsCategoryUnticked(String box) {
        IrActivity ir = enrich(Fixtures.text(Fixtures.SEED).replace("□", box));
        assertThat(ir.activityTypes()).containsExactly("特定对象调研");
    }

    @ParameterizedTest
    @ValueSource(strings = {"√ 特定对象调研", "☑  特定对象调研", "√\t特定对象调研"})
    void aSpaceBetweenTickAndLabelDoesNotMatter(String line) {
        IrActivity ir = enrich(Fixtures.text(Fixtures.SEED).replace("√特定对象调研", line));
        assertThat(ir.activityTypes()).containsExactly("特定对象调研");
    }

    private static IrActivity enrich(String text) {
        return ENRICHER.enrich(Fixtures.raw("投资者关系活动记录表", text, LocalDate.of(2024, 6, 18)), Fixtures.ENRICHED_AT)
                .irActivity();
    }
}
