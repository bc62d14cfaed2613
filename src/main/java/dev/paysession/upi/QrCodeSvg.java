package dev.paysession.upi;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG, so the payment page shows the UPI intent without scripts or image
 * requests (its Content-Security-Policy allows neither).
 */
public final class QrCodeSvg {

  private static final int QUIET_ZONE = 4;

  private QrCodeSvg() {}

  /** An SVG element drawing {@code text}; its only variable content is the module grid. */
  public static String of(String text, String label) {
    QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    int size = qr.size + QUIET_ZONE * 2;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < qr.size; y++) {
      for (int x = 0; x < qr.size; x++) {
        if (qr.getModule(x, y)) {
          path.append('M')
              .append(x + QUIET_ZONE)
              .append(',')
              .append(y + QUIET_ZONE)
              .append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" role=\"img\" aria-label=\""
        + escapeAttribute(label)
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }

  private static String escapeAttribute(String value) {
    return value
        .replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
