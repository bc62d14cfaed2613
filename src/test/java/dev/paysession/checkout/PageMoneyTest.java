package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paysession.order.OrderDetails;
import dev.paysession.rules.Amount;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amounts and phone numbers as an Indian customer reads them. */
class PageMoneyTest {

  @ParameterizedTest
  @CsvSource({
    "1.00, ₹1.00",
    "149.00, ₹149.00",
    "1499.00, '₹1,499.00'",
    "149999.00, '₹1,49,999.00'",
    "1000000.50, '₹10,00,000.50'",
    "123456789.00, '₹12,34,56,789.00'"
  })
  void rupeesUseIndianGrouping(String amount, String shown) {
    assertThat(PageMoney.format(Amount.parse(amount, "INR"), "INR")).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({"149999.00, USD, 'USD 149,999.00'", "1500, JPY, 'JPY 1,500'"})
  void otherCurrenciesKeepTheirCodeAndThousands(String amount, String currency, String shown) {
    assertThat(PageMoney.format(Amount.parse(amount, currency), currency)).isEqualTo(shown);
  }

  @ParameterizedTest
  @CsvSource({
    "9876543210, 91, '+91 98765 43210'",
    "9876543210, , '+91 98765 43210'",
    "4155550100, 1, '+1 4155550100'",
    "12345, 91, '+91 12345'"
  })
  void thePhoneIsShownWithItsCountryCode(String phone, String code, String shown) {
    OrderDetails.Customer customer =
        new OrderDetails.Customer(
            Optional.empty(),
            Optional.of(phone),
            Optional.ofNullable(code),
            Optional.empty(),
            Optional.empty());
    assertThat(PaymentPageResource.phone(customer)).isEqualTo(shown);
  }
}
