package dev.paysession.jwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever a body holds, the JWE layer either opens it or refuses it with {@link JweRefused} (a
 * 401), never another exception (a 500); and a changed body never opens to a different payload.
 */
class JweLayerPropertiesTest {

  private static final String KID = "key_0123456789abcdef0123456789abcdef";
  private static final KeyPair SERVER = SdkJwe.rsa(2048);
  private static final KeyPair MERCHANT = SdkJwe.rsa(2048);
  private static final String BODY = "{\"order_id\":\"ord_1\",\"amount\":\"10.00\"}";
  private static final String VALID =
      SdkJwe.jwtEncrypt(BODY, KID, SERVER.getPublic(), MERCHANT.getPrivate()).toString();
  private static final String COMPACT = SdkJwe.compact(SdkJweJson.object(VALID));

  /** Parse, decrypt, verify; the payload, or the refusal's message. */
  private static String open(byte[] body) {
    try {
      JweMessage message = JweMessage.parse(body);
      byte[] jws = JweCrypto.decrypt(message, SERVER.getPrivate());
      return new String(
          JwsSignature.verify(jws, MERCHANT.getPublic(), message.keyId()), StandardCharsets.UTF_8);
    } catch (JweRefused refused) {
      return "refused: " + refused.getMessage();
    }
  }

  @Property(tries = 400)
  void aMutatedBodyIsRefusedOrOpensToTheSamePayload(@ForAll("mutations") byte[] body) {
    String opened = open(body);
    assertThat(opened)
        .satisfiesAnyOf(
            o -> assertThat(o).startsWith("refused: "), o -> assertThat(o).isEqualTo(BODY));
  }

  @Property(tries = 400)
  void anyBytesAreRefusedNeverThrown(@ForAll byte[] body) {
    assertThat(open(body)).startsWith("refused: ");
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<String> base = Arbitraries.of(VALID, COMPACT);
    return base.flatMap(
        text ->
            Arbitraries.integers()
                .between(0, text.length() - 1)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .flatMap(
                    positions ->
                        Arbitraries.chars()
                            .ascii()
                            .list()
                            .ofSize(positions.size())
                            .map(chars -> Tuple.of(positions, chars)))
                .map(change -> mutate(text, change.get1(), change.get2())));
  }

  private static byte[] mutate(String text, List<Integer> positions, List<Character> chars) {
    StringBuilder changed = new StringBuilder(text);
    for (int i = 0; i < positions.size(); i++) {
      changed.setCharAt(positions.get(i), chars.get(i));
    }
    return changed.toString().getBytes(StandardCharsets.UTF_8);
  }
}
