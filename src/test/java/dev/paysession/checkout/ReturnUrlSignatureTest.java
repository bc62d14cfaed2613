package dev.paysession.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paysession.checkout.ReturnUrlSignature.Mandate;
import dev.paysession.checkout.ReturnUrlSignature.Outcome;
import dev.paysession.order.OrderStatus;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Juspay's verified test vector, the redirect URL's shape, and what a merchant's check rejects. */
class ReturnUrlSignatureTest {

  // Juspay's code-samples/HMAC/HMACsignature.java (hdfc-sample-codes), verified independently.
  private static final String VECTOR_KEY = "92206A0A4A75499C9B11206C2B3B9A53";
  private static final String VECTOR_SIGNATURE = "8Esx2nrz3KE059rdsTkffYKu6AXXk07KzBo3KOexl3I=";
  private static final String VECTOR_INNER =
      "myQP=aGVsbG9Xb3JsZA%3D%3D&order_id=order_1727694028&status=AUTHORIZATION_FAILED"
          + "&status_id=27";
  private static final String VECTOR_MESSAGE =
      "myQP%3DaGVsbG9Xb3JsZA%253D%253D%26order_id%3Dorder_1727694028"
          + "%26status%3DAUTHORIZATION_FAILED%26status_id%3D27";

  private static final String KEY = "0123456789ABCDEF0123456789ABCDEF";

  private static Map<String, String> vectorParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("order_id", "order_1727694028");
    params.put("status", "AUTHORIZATION_FAILED");
    params.put("status_id", "27");
    params.put("myQP", "aGVsbG9Xb3JsZA==");
    return params;
  }

  @Test
  void signsJuspaysTestVector() {
    assertThat(ReturnUrlSignature.canonical(vectorParams())).isEqualTo(VECTOR_INNER);
    assertThat(ReturnUrlSignature.message(vectorParams())).isEqualTo(VECTOR_MESSAGE);
    assertThat(ReturnUrlSignature.sign(vectorParams(), VECTOR_KEY)).isEqualTo(VECTOR_SIGNATURE);
    assertThat(MerchantSideVerifier.expectedSignature(vectorParams(), VECTOR_KEY))
        .isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void theOuterEncodingMatters() throws Exception {
    // The notes: without the second encoding the vector gives "K6Ymdxww…", not Juspay's value.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(VECTOR_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String once =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(VECTOR_INNER.getBytes(StandardCharsets.UTF_8)));
    assertThat(once).startsWith("K6Ymdxww").isNotEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void signatureAndAlgorithmAreNotSigned() {
    Map<String, String> params = vectorParams();
    params.put("signature", "anything");
    params.put("signature_algorithm", "HMAC-SHA256");
    assertThat(ReturnUrlSignature.sign(params, VECTOR_KEY)).isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void pairsAreSortedByEncodedKey() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("a b", "1"); // encodes to a+b
    params.put("a+b", "2"); // encodes to a%2Bb, which sorts first ('%' < '+')
    params.put("A", "é");
    assertThat(ReturnUrlSignature.canonical(params)).isEqualTo("A=%C3%A9&a%2Bb=2&a+b=1");
  }

  @Test
  void redirectForTheTestVectorCarriesJuspaysSignature() {
    URI url =
        ReturnUrlSignature.redirectUrl(
            "https://shop.example.com/return?myQP=aGVsbG9Xb3JsZA==",
            new Outcome("order_1727694028", "AUTHORIZATION_FAILED", 27, Optional.empty()),
            VECTOR_KEY);
    assertThat(url.toString())
        .isEqualTo(
            "https://shop.example.com/return?myQP=aGVsbG9Xb3JsZA%3D%3D&order_id=order_1727694028"
                + "&status=AUTHORIZATION_FAILED&status_id=27"
                + "&signature=8Esx2nrz3KE059rdsTkffYKu6AXXk07KzBo3KOexl3I%253D"
                + "&signature_algorithm=HMAC-SHA256");
    assertThat(MerchantSideVerifier.verify(url.toString(), VECTOR_KEY)).isTrue();
  }

  @Test
  void theSignatureIsEncodedTwiceLikeJuspaysMainExample() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://merchant.shop.com/paymentresponse/handler",
                Outcome.of("order_id_007", OrderStatus.CHARGED),
                KEY)
            .toString();
    assertThat(url)
        .startsWith(
            "https://merchant.shop.com/paymentresponse/handler?order_id=order_id_007"
                + "&status=CHARGED&status_id=21&signature=")
        .endsWith("&signature_algorithm=HMAC-SHA256");
    String received = MerchantSideVerifier.query(url).get("signature");
    String base64 = ReturnUrlSignature.sign(MerchantSideVerifier.query(url), KEY);
    // One decode (the merchant's framework) leaves the Base64 encoded once: "%3D", not "=".
    assertThat(received)
        .isEqualTo(java.net.URLEncoder.encode(base64, StandardCharsets.UTF_8))
        .endsWith("%3D");
    assertThat(URLDecoder.decode(received, StandardCharsets.UTF_8)).isEqualTo(base64);
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();
  }

  @Test
  void mandateOrdersAddTheMandateParameters() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return",
                Outcome.of("guest-test-26", OrderStatus.CHARGED)
                    .withMandate(new Mandate("h439sfj3430", "0ed6a1b2", "ACTIVE")),
                KEY)
            .toString();
    assertThat(MerchantSideVerifier.query(url).keySet())
        .containsExactly(
            "order_id",
            "status",
            "status_id",
            "mandate_id",
            "mandate_token",
            "mandate_status",
            "signature",
            "signature_algorithm");
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();
    assertThat(MerchantSideVerifier.verify(url.replace("ACTIVE", "PAUSED"), KEY)).isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("mandate_token=0ed6a1b2&", ""), KEY))
        .isFalse();
  }

  @Test
  void theMerchantRejectsTamperedRedirects() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return?cart=42",
                Outcome.of("order_77", OrderStatus.AUTHORIZATION_FAILED),
                KEY)
            .toString();
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();

    String charged =
        url.replace("status=AUTHORIZATION_FAILED&status_id=27", "status=CHARGED&status_id=21");
    assertThat(charged).isNotEqualTo(url);
    assertThat(MerchantSideVerifier.verify(charged, KEY)).as("changed status").isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("status_id=27", "status_id=21"), KEY))
        .as("changed status_id")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("order_77", "order_78"), KEY))
        .as("changed order_id")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("cart=42", "cart=43"), KEY))
        .as("changed merchant parameter")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("cart=42&", "cart=42&coupon=FREE&"), KEY))
        .as("added parameter")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("cart=42&", ""), KEY))
        .as("removed parameter")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("status=", "status=CHARGED&status="), KEY))
        .as("repeated parameter")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url, "FEDCBA9876543210FEDCBA9876543210"))
        .as("wrong key")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replace("HMAC-SHA256", "HMAC-SHA1"), KEY))
        .as("other algorithm")
        .isFalse();
    assertThat(MerchantSideVerifier.verify(url.replaceAll("&signature=[^&]*", ""), KEY))
        .as("no signature")
        .isFalse();
  }

  @Test
  void ourOutcomeWinsOverTheMerchantsReservedNames() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return?status=CHARGED&ref=abc&status_id=21"
                    + "&signature=forged&signature_algorithm=none&mandate_status=ACTIVE",
                Outcome.of("order_1", OrderStatus.AUTHENTICATION_FAILED),
                KEY)
            .toString();
    Map<String, String> query = MerchantSideVerifier.query(url); // also refuses repeated names
    assertThat(query)
        .containsEntry("ref", "abc")
        .containsEntry("status", "AUTHENTICATION_FAILED")
        .containsEntry("status_id", "26")
        .containsEntry("signature_algorithm", "HMAC-SHA256")
        .doesNotContainKey("mandate_status");
    assertThat(query.keySet())
        .containsExactly(
            "ref", "order_id", "status", "status_id", "signature", "signature_algorithm");
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();
  }

  @Test
  void merchantParametersKeepTheirDecodedValues() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/return?note=caf%C3%A9+%E2%82%AC&raw=caf\u00e9"
                    + "&plus=a%2Bb&space=a+b&pct=100%25&flag&&emoji=%F0%9F%98%80&empty=",
                Outcome.of("order_1", OrderStatus.CHARGED), KEY)
            .toString();
    assertThat(url).matches("\\p{ASCII}*");
    Map<String, String> query = MerchantSideVerifier.query(url);
    assertThat(query)
        .containsEntry("note", "café €")
        .containsEntry("raw", "café")
        .containsEntry("plus", "a+b")
        .containsEntry("space", "a b")
        .containsEntry("pct", "100%")
        .containsEntry("flag", "")
        .containsEntry("emoji", "\uD83D\uDE00")
        .containsEntry("empty", "");
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();
  }

  @Test
  void aUnicodePathIsPercentEncodedAndNotSigned() {
    String url =
        ReturnUrlSignature.redirectUrl(
                "https://shop.example.com/r\u00e9sum\u00e9/done",
                Outcome.of("order_1", OrderStatus.CHARGED),
                KEY)
            .toString();
    assertThat(url).startsWith("https://shop.example.com/r%C3%A9sum%C3%A9/done?order_id=order_1&");
    assertThat(MerchantSideVerifier.verify(url, KEY)).isTrue();
  }

  @Test
  void returnUrlsThatCannotBeSignedUnambiguouslyAreRefused() {
    Outcome outcome = Outcome.of("order_1", OrderStatus.CHARGED);
    for (String returnUrl :
        new String[] {
          "https://shop.example.com/return#done",
          "https://shop.example.com/return?a=1#x",
          "https://shop.example.com/return?a=1&a=2",
          "https://shop.example.com/return?a=1&%61=2",
          "https://shop.example.com/return?a=%ZZ",
          "https://shop.example.com/return?a=%4",
          "https://shop.example.com/return?a=%FF",
          "https://shop.example.com/return?a=%C3",
          "https://shop.example.com/return?my+key=1",
          "https://shop.example.com/return?%D0%BA%D0%BB%D1%8E%D1%87=1",
          "https://shop.example.com/return?a*b=1",
          "https://shop.example.com/return?=1",
          "https://shop.example.com/ret urn"
        }) {
      assertThatThrownBy(() -> ReturnUrlSignature.redirectUrl(returnUrl, outcome, KEY))
          .as(returnUrl)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void anUnpairedSurrogateIsRefusedNotSignedAsQuestionMark() {
    // URLEncoder would write '?' for both, so they would share a signature.
    assertThatThrownBy(() -> ReturnUrlSignature.sign(Map.of("a", "x\uD800"), KEY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReturnUrlSignature.sign(Map.of("a\uDC00", "x"), KEY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyAndTheOutcomeFieldsAreRequired() {
    assertThatThrownBy(() -> ReturnUrlSignature.sign(vectorParams(), ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Outcome("", "CHARGED", 21, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Mandate("m", null, "ACTIVE"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
