package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.qute.i18n.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every shipped language says everything English says: each {@code page_<code>.properties} has
 * exactly English's keys (the {@link PageMessages} methods), each with the same parameters, and no
 * text left in English by mistake.
 */
class PageMessagesTest {

  private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
  // Texts that are the same in every language: brand and instrument names, codes, a format.
  private static final Set<String> SAME_IN_EVERY_LANGUAGE =
      Set.of("ifsc", "cvv", "methodUpi", "upiId", "threeDsTitle");

  @ParameterizedTest
  @EnumSource(value = PageLanguage.class, names = "ENGLISH", mode = EnumSource.Mode.EXCLUDE)
  void everyLanguageHasEveryKeyWithItsParametersAndNoOther(PageLanguage language)
      throws IOException {
    Properties bundle = bundle(language);
    assertThat(differences(english(), bundle)).as("page_%s.properties", language.code()).isEmpty();
    List<String> untranslated = new ArrayList<>();
    english()
        .forEach(
            (key, text) -> {
              if (!SAME_IN_EVERY_LANGUAGE.contains(key) && text.equals(bundle.getProperty(key))) {
                untranslated.add(key);
              }
            });
    assertThat(untranslated).as("left in English in page_%s", language.code()).isEmpty();
  }

  /** The check above fails on a bundle that lacks a key, has an extra one, or drops a parameter. */
  @Test
  void aBundleMissingAKeyOrWithAnExtraOneIsReported() throws IOException {
    Properties broken = bundle(PageLanguage.HINDI);
    broken.remove("payTitle");
    broken.setProperty("payTitleTypo", "x");
    broken.setProperty("orderRef", "ऑर्डर");
    assertThat(differences(english(), broken))
        .containsExactlyInAnyOrder(
            "missing key payTitle",
            "key payTitleTypo is not in English",
            "orderRef has parameters [] where English has [orderId]");
  }

  @Test
  void theFilesAreUtf8AndDigitsAreLatin() throws IOException {
    for (PageLanguage language : PageLanguage.values()) {
      if (language == PageLanguage.ENGLISH) {
        continue;
      }
      bundle(language)
          .forEach(
              (key, value) ->
                  assertThat(value.toString())
                      .as("%s in %s", key, language)
                      .doesNotContain("\uFFFD")
                      // Devanagari, Tamil and Bengali digits: the page keeps 0-9 (Decision).
                      .doesNotContainPattern("[\u0966-\u096F\u0BE6-\u0BEF\u09E6-\u09EF]"));
    }
  }

  /** Every difference between English and a bundle, in words. */
  static List<String> differences(Map<String, String> english, Properties bundle) {
    List<String> found = new ArrayList<>();
    for (Map.Entry<String, String> entry : english.entrySet()) {
      String translated = bundle.getProperty(entry.getKey());
      if (translated == null) {
        found.add("missing key " + entry.getKey());
      } else if (!parameters(translated).equals(parameters(entry.getValue()))) {
        found.add(
            entry.getKey()
                + " has parameters "
                + parameters(translated)
                + " where English has "
                + parameters(entry.getValue()));
      }
    }
    for (String key : bundle.stringPropertyNames()) {
      if (!english.containsKey(key)) {
        found.add("key " + key + " is not in English");
      }
    }
    return found;
  }

  /** English: each {@link PageMessages} method's key and text. */
  static Map<String, String> english() {
    return Arrays.stream(PageMessages.class.getDeclaredMethods())
        .filter(method -> method.isAnnotationPresent(Message.class))
        .collect(
            Collectors.toMap(
                Method::getName,
                method -> method.getAnnotation(Message.class).value(),
                (a, b) -> a,
                TreeMap::new));
  }

  static Properties bundle(PageLanguage language) throws IOException {
    String path = "/messages/page_" + language.code() + ".properties";
    try (InputStream in = PageMessagesTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    }
  }

  private static Set<String> parameters(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PARAMETER.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }
}
