package dev.paysession.upi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpiDeepLinkTest {

  @Test
  void parametersInNpciOrderWithSpacesAsPercent20AndAtKept() {
    String link =
        UpiDeepLink.build(
            "merchant@upi",
            "Merchant One",
            Optional.of("5411"),
            "testing-order-one",
            "1.00",
            Optional.of("Complete your payment"));
    assertThat(link)
        .isEqualTo(
            "upi://pay?pa=merchant@upi&pn=Merchant%20One&mc=5411&tr=testing-order-one"
                + "&am=1.00&cu=INR&tn=Complete%20your%20payment");
    assertThat(link).doesNotContain("+").doesNotContain("%40");
  }

  @Test
  void withoutMerchantCodeAndNote() {
    assertThat(
            UpiDeepLink.build(
                "shop@bank", "Shop", Optional.empty(), "o1", "10.50", Optional.empty()))
        .isEqualTo("upi://pay?pa=shop@bank&pn=Shop&tr=o1&am=10.50&cu=INR");
  }

  @Test
  void noteIsCutToFiftyCharacters() {
    String note = "n".repeat(49) + "XYZ";
    String link = UpiDeepLink.build("a@b", "A", Optional.empty(), "o1", "1.00", Optional.of(note));
    assertThat(link).endsWith("&tn=" + "n".repeat(49) + "X");
  }

  @Test
  void reservedAndNonAsciiCharactersArePercentEncoded() {
    assertThat(UpiDeepLink.encode("a&b=c+d/e?f#g")).isEqualTo("a%26b%3Dc%2Bd%2Fe%3Ff%23g");
    assertThat(UpiDeepLink.encode("Café")).isEqualTo("Caf%C3%A9");
    assertThat(UpiDeepLink.encode("A-Z_a.z~0@9")).isEqualTo("A-Z_a.z~0@9");
    assertThat(UpiDeepLink.encode("a b")).isEqualTo("a%20b");
  }

  @Test
  void paramOrderIsPaPnMcTrAmCuTn() {
    String link =
        UpiDeepLink.build("p@q", "N", Optional.of("1234"), "T", "2.00", Optional.of("note"));
    String query = link.substring(link.indexOf('?') + 1);
    assertThat(query.split("&"))
        .extracting(p -> p.substring(0, p.indexOf('=')))
        .containsExactly("pa", "pn", "mc", "tr", "am", "cu", "tn");
  }
}
