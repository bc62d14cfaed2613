package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which language the page speaks: the session's {@code language}, else Accept-Language. */
class PageLanguageTest {

  @ParameterizedTest
  @CsvSource({
    "english, ENGLISH",
    "hindi, HINDI",
    "Hindi, HINDI",
    "tamil, TAMIL",
    "bengali, BENGALI",
    "hi, HINDI",
    "hi-IN, HINDI",
    "hi_IN, HINDI",
    "ta, TAMIL",
    "bn-IN, BENGALI",
    "en-GB, ENGLISH"
  })
  void theSessionsLanguageByJuspaysNameOrIsoCode(String requested, PageLanguage expected) {
    PageLanguage.Choice choice = PageLanguage.choose(Optional.of(requested), "ta");
    assertThat(choice.language()).isEqualTo(expected);
    assertThat(choice.fellBack()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"telugu", "marathi", "klingon", "hindustani", "hin"})
  void anUnshippedLanguageFallsBackToEnglishAndSaysSo(String requested) {
    PageLanguage.Choice choice = PageLanguage.choose(Optional.of(requested), "hi");
    assertThat(choice.language()).isEqualTo(PageLanguage.ENGLISH);
    assertThat(choice.fellBack()).as("the fallback is recorded").isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hi-IN,hi;q=0.9,en;q=0.8 | HINDI",
        "en-IN,en;q=0.9,hi;q=0.8 | ENGLISH",
        "en;q=0.5, ta;q=0.8 | TAMIL",
        "fr-FR, bn;q=0.1 | BENGALI",
        "fr-FR, de | ENGLISH",
        "hi;q=0, en | ENGLISH",
        "*, hi;q=0.5 | HINDI",
        "hi;q=banana, ta;q=0.3 | TAMIL",
        "'' | ENGLISH"
      })
  void withoutTheSessionsLanguageAcceptLanguageDecidesByItsQValues(
      String header, PageLanguage expected) {
    PageLanguage.Choice choice = PageLanguage.choose(Optional.empty(), header);
    assertThat(choice.language()).isEqualTo(expected);
    assertThat(choice.fellBack()).isFalse();
  }

  @Test
  void noHeaderAtAllIsEnglish() {
    assertThat(PageLanguage.choose(Optional.empty(), null).language())
        .isEqualTo(PageLanguage.ENGLISH);
  }

  @Test
  void thePhoneTestPrefersTheClientHint() {
    String android = "Mozilla/5.0 (Linux; Android 14) AppleWebKit Chrome/131 Mobile Safari/537.36";
    assertThat(PageLook.isPhone(android, null)).isTrue();
    assertThat(PageLook.isPhone("Mozilla/5.0 (X11; Linux x86_64) Chrome/131", null)).isFalse();
    assertThat(PageLook.isPhone(android, "?0")).isFalse();
    assertThat(PageLook.isPhone("Mozilla/5.0 (X11; Linux x86_64)", "?1")).isTrue();
  }
}
