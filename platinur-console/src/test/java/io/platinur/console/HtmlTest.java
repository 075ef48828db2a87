package io.platinur.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void escapes_every_character_that_could_open_markup_or_leave_an_attribute() {
    assertThat(Html.escape("<script>alert('1')</script> & \"x\""))
        .isEqualTo("&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt; &amp; &quot;x&quot;");
  }

  @Test
  void escaped_text_holds_no_markup_and_reads_back_as_the_same_text() {
    qt().withExamples(2_000).forAll(strings().ascii().ofLengthBetween(0, 40)).checkAssert(text -> {
      String escaped = Html.escape(text);
      assertThat(escaped).doesNotContain("<", ">", "\"", "'");
      assertThat(unescape(escaped)).isEqualTo(text);
    });
  }

  private static String unescape(String html) {
    return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}
