package dev.paysession.gateway;

import java.time.YearMonth;

/** How the customer chose to pay on the payment page, after the page's field rules. */
public sealed interface PaymentInstrument {

  /** Juspay's {@code payment_method_type}. */
  String methodType();

  /** Juspay's {@code payment_method}: the card brand, {@code UPI}, the bank or wallet code. */
  String method();

  /**
   * A card typed in. The number and CVV live only as long as the request: only {@link #brand} and
   * {@link #lastFour} are ever stored, and {@link #toString} shows nothing more.
   */
  record NewCard(
      String number, String nameOnCard, YearMonth expiry, String cvv, CardBrand brand, boolean save)
      implements PaymentInstrument {

    public String lastFour() {
      return number.substring(number.length() - 4);
    }

    @Override
    public String methodType() {
      return "CARD";
    }

    @Override
    public String method() {
      return brand.name();
    }

    @Override
    public String toString() {
      return "NewCard[" + brand + " ****" + lastFour() + "]";
    }
  }

  /** A card the customer saved earlier, charged through the gateway's token. */
  record SavedCard(String token, CardBrand brand, String lastFour, String cvv)
      implements PaymentInstrument {

    @Override
    public String methodType() {
      return "CARD";
    }

    @Override
    public String method() {
      return brand.name();
    }

    @Override
    public String toString() {
      return "SavedCard[" + brand + " ****" + lastFour + "]";
    }
  }

  /** A UPI collect request sent to the customer's VPA. */
  record UpiCollect(String vpa) implements PaymentInstrument {
    @Override
    public String methodType() {
      return "UPI";
    }

    @Override
    public String method() {
      return "UPI";
    }
  }

  /**
   * UPI intent ({@code POST /txns} with {@code txn_type=UPI_PAY}): the customer's UPI app pays the
   * {@code upi://pay} link; a gateway learns the outcome from the UPI network (the sandbox's
   * stand-in is an approve-or-decline page).
   */
  record UpiIntent() implements PaymentInstrument {
    @Override
    public String methodType() {
      return "UPI";
    }

    @Override
    public String method() {
      return "UPI";
    }
  }

  /** Net banking through one of the listed banks. */
  record NetBanking(String bank) implements PaymentInstrument {
    @Override
    public String methodType() {
      return "NB";
    }

    @Override
    public String method() {
      return bank;
    }
  }

  /** A wallet from the listed ones. */
  record Wallet(String wallet) implements PaymentInstrument {
    @Override
    public String methodType() {
      return "WALLET";
    }

    @Override
    public String method() {
      return wallet;
    }
  }

  /**
   * eNACH: a bank account the customer authorises a mandate on, through their bank's netbanking, a
   * debit card or Aadhaar. Juspay reports it as {@code NB} with the bank's {@code JP_} code.
   *
   * @param bankCode Juspay's code for the account's bank, e.g. {@code JP_HDFC}
   * @param authType NETBANKING, DEBIT_CARD or AADHAAR
   */
  record BankAccountMandate(
      String accountNumber,
      String ifsc,
      String beneficiaryName,
      String bankName,
      String bankCode,
      String authType)
      implements PaymentInstrument {
    @Override
    public String methodType() {
      return "NB";
    }

    @Override
    public String method() {
      return bankCode;
    }

    @Override
    public String toString() {
      return "BankAccountMandate["
          + bankCode
          + " ****"
          + accountNumber.substring(Math.max(0, accountNumber.length() - 4))
          + " "
          + authType
          + "]";
    }
  }
}
