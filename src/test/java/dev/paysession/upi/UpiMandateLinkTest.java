package dev.paysession.upi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code upi://mandate} link carries Juspay's mandate intent {@code uri_params}. */
class UpiMandateLinkTest {

  private static UpiMandateLink.Terms terms(boolean exact, Optional<String> note) {
    return new UpiMandateLink.Terms(
        "shop@okaxis",
        "Shop & Co",
        Optional.of("5411"),
        "order_1",
        "ordeh_1",
        "1000.00",
        exact,
        note,
        "Monthly box",
        "MONTHLY",
        // 20 Jun 2022 00:30 in India is still 19 Jun in UTC: the dates are India's days.
        Instant.parse("2022-06-19T19:00:00Z"),
        Instant.parse("2037-08-24T06:00:00Z"));
  }

  @Test
  void theLinkHasJuspaysParametersInOrder() {
    assertThat(UpiMandateLink.build(terms(false, Optional.of("Your plan"))))
        .isEqualTo(
            "upi://mandate?pa=shop@okaxis&pn=Shop%20%26%20Co&mc=5411&tr=order_1&tid=ordeh_1"
                + "&am=1000.00&cu=INR&tn=Your%20plan&mn=Monthly%20box&recur=MONTHLY&amrule=MAX"
                + "&validitystart=20062022&validityend=24082037&purpose=14&mode=00&orgid=000000");
  }

  @Test
  void aFixedMandateAsksForTheExactAmountAndANoteIsOptional() {
    String link = UpiMandateLink.build(terms(true, Optional.empty()));
    assertThat(link).contains("&amrule=EXACT&").doesNotContain("&tn=");
  }
}
