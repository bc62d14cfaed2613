package dev.paysession.checkout;

import dev.paysession.order.OrderDetails;
import io.quarkus.qute.TemplateInstance;
import java.util.Locale;
import java.util.Optional;

/**
 * How one page view looks: its language (and texts), its theme, and whether the browser is a
 * phone's. Templates read it as {@code look}.
 *
 * @param lang the {@code <html lang>} value
 * @param theme {@code dark} or {@code light} from the session, or null: the page then follows the
 *     browser's {@code prefers-color-scheme}
 */
public record PageLook(
    String lang, String theme, PageText text, boolean phoneDevice, boolean languageFellBack) {

  /**
   * @param details the order's session fields ({@code language}, {@code theme}); empty on a page
   *     without an order (a link that does not exist)
   */
  public static PageLook of(
      Optional<OrderDetails> details,
      String acceptLanguage,
      String userAgent,
      String mobileClientHint) {
    PageLanguage.Choice choice =
        PageLanguage.choose(details.flatMap(OrderDetails::language), acceptLanguage);
    String theme =
        details
            .flatMap(OrderDetails::theme)
            .map(t -> t.trim().toLowerCase(Locale.ROOT))
            .filter(t -> t.equals("dark") || t.equals("light"))
            .orElse(null);
    return new PageLook(
        choice.language().code(),
        theme,
        PageText.of(choice.language()),
        isPhone(userAgent, mobileClientHint),
        choice.fellBack());
  }

  /**
   * A phone's browser: Chromium's {@code Sec-CH-UA-Mobile: ?1} client hint when sent, else "Mobi"
   * in the User-Agent, the test browsers' makers recommend (Android tablets leave it out).
   */
  static boolean isPhone(String userAgent, String mobileClientHint) {
    if (mobileClientHint != null && !mobileClientHint.isBlank()) {
      return mobileClientHint.trim().equals("?1");
    }
    return userAgent != null && userAgent.contains("Mobi");
  }

  public PageMessages messages() {
    return text.messages();
  }

  /** The template in this look's language, with {@code look} for the layout. */
  public TemplateInstance apply(TemplateInstance instance) {
    return instance.setLocale(text.language().locale()).data("look", this);
  }
}
