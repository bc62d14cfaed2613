package dev.paysession.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** An IPv4 address wrapped in IPv6 is exactly as public as the IPv4 address itself. */
class WebhookAddressPolicyPropertiesTest {

  @Property(tries = 5000)
  void ipv4InIpv6IsJudgedAsIpv4(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(max = 255) int c,
      @ForAll @IntRange(max = 255) int d)
      throws UnknownHostException {
    byte[] v4 = {(byte) a, (byte) b, (byte) c, (byte) d};
    boolean expected = WebhookAddressPolicy.isPublic(InetAddress.getByAddress(v4));

    assertThat(
            WebhookAddressPolicy.isPublic(
                v6(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1}, 12, v4)))
        .as("::ffff:v4")
        .isEqualTo(expected);
    assertThat(
            WebhookAddressPolicy.isPublic(
                v6(new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b}, 12, v4)))
        .as("64:ff9b::v4")
        .isEqualTo(expected);
    assertThat(WebhookAddressPolicy.isPublic(v6(new byte[] {0x20, 0x02}, 2, v4)))
        .as("2002:v4::")
        .isEqualTo(expected);
    assertThat(WebhookAddressPolicy.isPublic(v6(new byte[0], 12, v4)))
        .as("::v4")
        .isEqualTo(expected);
  }

  /**
   * An Inet6Address with {@code prefix} at the start and {@code v4} at {@code at}. Built with
   * Inet6Address.getByAddress so a mapped address is not turned back into an Inet4Address.
   */
  private static InetAddress v6(byte[] prefix, int at, byte[] v4) throws UnknownHostException {
    byte[] bytes = new byte[16];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    System.arraycopy(v4, 0, bytes, at, 4);
    return Inet6Address.getByAddress(null, bytes, -1);
  }
}
