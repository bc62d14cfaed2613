package dev.paysession.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.gateway.PaymentGateway.ChallengeAnswer;
import dev.paysession.gateway.PaymentGateway.GatewayPayment;
import dev.paysession.gateway.sandbox.SandboxGateway;
import dev.paysession.merchant.Environment;
import dev.paysession.merchant.Merchant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gateways are found by the name an attempt stores; two with one name cannot both be installed. */
@QuarkusTest
class GatewayRegistryTest {

  @Inject GatewayRegistry registry;

  @Test
  void theInstalledSandboxIsFoundByItsName() {
    assertThat(registry.named("SANDBOX")).isInstanceOf(SandboxGateway.class);
  }

  @Test
  void anAttemptNamingAGatewayThatIsNotInstalledCannotBeAsked() {
    assertThatThrownBy(() -> registry.named("NO_SUCH_GATEWAY"))
        .isInstanceOf(GatewayUnavailable.class)
        .hasMessageContaining("NO_SUCH_GATEWAY");
  }

  @Test
  void twoGatewaysWithOneNameAreRefused() {
    assertThatThrownBy(
            () -> GatewayRegistry.of(List.of(new Named("PAYU", false), new Named("PAYU", true))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PAYU");
  }

  @Test
  void aNewAttemptGoesToASandboxOnlyForASandboxMerchant() {
    Named sandbox = new Named("SANDBOX_A", true);
    Named live = new Named("LIVE_A", false);
    GatewayRegistry both = GatewayRegistry.of(List.of(sandbox, live));
    GatewayRegistry sandboxOnly = GatewayRegistry.of(List.of(sandbox));

    assertThat(both.forNewAttempt(merchant(true))).containsSame(sandbox);
    assertThat(both.forNewAttempt(merchant(false))).containsSame(live);
    assertThat(sandboxOnly.forNewAttempt(merchant(false))).isEmpty();
    assertThat(sandboxOnly.named("SANDBOX_A")).isSameAs(sandbox);
  }

  private static Merchant merchant(boolean sandbox) {
    return new Merchant(
        "m",
        "Shop",
        sandbox ? Environment.SANDBOX : Environment.PRODUCTION,
        Set.of(),
        Optional.empty(),
        List.of("INR"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A gateway that is only a name. */
  private record Named(String name, boolean isSandbox) implements PaymentGateway {
    @Override
    public int id() {
      return -1;
    }

    @Override
    public GatewayOutcome initiate(GatewayPayment payment, PaymentInstrument instrument) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GatewayOutcome authenticate(
        String merchantId, String gatewayTxnId, ChallengeAnswer answer) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GatewayOutcome sync(String merchantId, String gatewayTxnId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<GatewayOutcome> lookup(String merchantId, String txnId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RefundAnswer requestRefund(RefundRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RefundAnswer refundStatus(String merchantId, String refundId) {
      throw new UnsupportedOperationException();
    }
  }
}
