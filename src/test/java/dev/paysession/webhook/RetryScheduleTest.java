package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {

  @Test
  void juspaysScheduleIsSixteenRetriesOverADayAndAMinute() {
    RetrySchedule juspay = RetrySchedule.parse(RetrySchedule.JUSPAY);

    assertThat(juspay.retries()).isEqualTo(16);
    assertThat(juspay.delays().stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofHours(24).plusMinutes(1));
    assertThat(juspay.delayAfterFailure(1)).contains(Duration.ofMinutes(1));
    assertThat(juspay.delays().subList(1, 3)).containsOnly(Duration.ofMinutes(5));
    assertThat(juspay.delays().subList(3, 8)).containsOnly(Duration.ofMinutes(10));
    assertThat(juspay.delays().subList(8, 13)).containsOnly(Duration.ofHours(1));
    assertThat(juspay.delays().subList(13, 16)).containsOnly(Duration.ofHours(6));
  }

  @Test
  void theNthFailureWaitsTheNthDelayUntilTheRetriesRunOut() {
    RetrySchedule schedule = RetrySchedule.parse("30s,5m,2h");

    assertThat(schedule.delayAfterFailure(0)).isEmpty();
    assertThat(schedule.delayAfterFailure(-1)).isEmpty();
    assertThat(schedule.delayAfterFailure(1)).contains(Duration.ofSeconds(30));
    assertThat(schedule.delayAfterFailure(2)).contains(Duration.ofMinutes(5));
    assertThat(schedule.delayAfterFailure(3)).contains(Duration.ofHours(2));
    assertThat(schedule.delayAfterFailure(4)).isEmpty();
    assertThat(schedule.delayAfterFailure(Integer.MAX_VALUE)).isEmpty();
  }

  @Test
  void everyUnitAndSpacesAroundItems() {
    assertThat(RetrySchedule.parse(" 250ms ,\t10s, 3m,2h ,1d ").delays())
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofSeconds(10),
            Duration.ofMinutes(3),
            Duration.ofHours(2),
            Duration.ofDays(1));
  }

  @Test
  void oneDelayIsASchedule() {
    assertThat(RetrySchedule.parse("1ms").delays()).containsExactly(Duration.ofMillis(1));
  }

  @Test
  void theDelaysCannotBeChanged() {
    List<Duration> delays = RetrySchedule.parse("1m,2m").delays();

    assertThatThrownBy(() -> delays.set(0, Duration.ZERO))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void sevenDaysIsTheLongestDelayInAnyUnit() {
    assertThat(RetrySchedule.parse("7d,168h,10080m,604800s,604800000ms").delays())
        .containsOnly(Duration.ofDays(7));
  }

  @ParameterizedTest
  @CsvSource({"8d", "169h", "10081m", "604801s", "604800001ms", "99999999999999999999d"})
  void longerThanSevenDaysIsRefused(String item) {
    assertThatThrownBy(() -> RetrySchedule.parse("1m," + item))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PAYSESSION_WEBHOOK_RETRY_DELAYS: \""
                + item
                + "\" is longer than the 7 days a retry may wait");
  }

  @ParameterizedTest
  @CsvSource({"0s", "0ms", "000m"})
  void zeroIsRefused(String item) {
    assertThatThrownBy(() -> RetrySchedule.parse(item))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PAYSESSION_WEBHOOK_RETRY_DELAYS: \"" + item + "\" must be more than zero");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "5x|5x",
        "5|5",
        "m|m",
        "1.5h|1.5h",
        "-5m|-5m",
        "+5m|+5m",
        "5 m|5 m",
        "5M|5M",
        "5min|5min",
        "PT5M|PT5M",
        "1m;5m|1m;5m",
        "1m,,5m|~~",
        "1m,5m,|~~",
        ",1m|~~",
        "١m|١m"
      })
  void somethingElseIsNotADuration(String text, String badItem) {
    assertThatThrownBy(() -> RetrySchedule.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PAYSESSION_WEBHOOK_RETRY_DELAYS: \""
                + badItem
                + "\" is not a duration like 30s, 5m or 1h (a whole number, then ms, s, m, h or d)");
  }

  @Test
  void aLongBadItemIsCutShortInTheMessage() {
    String blob = "x".repeat(500);

    assertThatThrownBy(() -> RetrySchedule.parse(blob))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + "x".repeat(40) + "...\"")
        .hasMessageNotContaining("x".repeat(41));
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '~',
      value = {"~~", "~   ~"})
  void emptyIsRefused(String text) {
    assertThatThrownBy(() -> RetrySchedule.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PAYSESSION_WEBHOOK_RETRY_DELAYS is empty; expected delays like 1m,5m,1h"
                + " (units ms, s, m, h, d)");
    assertThatThrownBy(() -> RetrySchedule.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHundredDelaysAtMost() {
    String hundred = String.join(",", Collections.nCopies(100, "1s"));

    assertThat(RetrySchedule.parse(hundred).retries()).isEqualTo(100);
    assertThatThrownBy(() -> RetrySchedule.parse(hundred + ",1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PAYSESSION_WEBHOOK_RETRY_DELAYS has 101 delays; at most 100 are allowed");
  }
}
