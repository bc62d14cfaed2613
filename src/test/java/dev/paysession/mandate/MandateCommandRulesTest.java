package dev.paysession.mandate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.mandate.MandateCommandRules.Command;
import dev.paysession.rules.InvalidValue;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lenient reading of Juspay's sloppy samples, and what it still refuses. */
class MandateCommandRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"revoke", " revoke ", "\"revoke\"", "”revoke”", "“revoke”", "'REVOKE'"})
  void aQuotedOrPaddedCommandIsRead(String sent) {
    assertThat(MandateCommandRules.command(sent)).isEqualTo(Command.REVOKE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"revoked", "re voke", "", "\"\"", "cancel_recurring_transaction"})
  void anythingElseIsNoCommand(String sent) {
    assertThatThrownBy(() -> MandateCommandRules.command(sent))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("check_status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1664200815", " 1664200815", "'1664200815'", "”1664200815”"})
  void datesAreEpochSeconds(String sent) {
    assertThat(MandateCommandRules.epoch(sent)).isEqualTo(Instant.ofEpochSecond(1664200815L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2022-09-26", "-1", "1664200815000000", "1.5", "soon"})
  void otherDatesAreRefused(String sent) {
    assertThatThrownBy(() -> MandateCommandRules.epoch(sent))
        .isInstanceOf(InvalidValue.class)
        .hasMessageContaining("epoch seconds");
  }
}
