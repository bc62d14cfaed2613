package dev.paysession.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code application/x-www-form-urlencoded} body as a JSON object of strings, the way Juspay's
 * server SDKs and samples post {@code /orders}, refunds, mandate commands and {@code /txns}. Keys
 * stay flat ({@code mandate.max_amount=…}), exactly as the JSON side sends dotted keys, so one set
 * of rules reads both. Every value is a string, which the Juspay rules already accept wherever a
 * number or boolean is documented.
 *
 * <p>Strict where leniency would change a value: a bad percent escape, bytes that are not UTF-8 and
 * a key sent twice are refused rather than guessed at.
 */
final class FormBody {

  private FormBody() {}

  static ObjectNode parse(byte[] body) {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    String text = new String(body, StandardCharsets.ISO_8859_1); // bytes as chars; decoded below
    if (text.isBlank()) {
      throw ApiException.invalidRequest("Request body is empty; send the form fields");
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue; // "a=1&&b=2" and a trailing "&": browsers and curl produce them
      }
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (key.isEmpty()) {
        throw ApiException.invalidRequest("Form field without a name: " + abbreviated(pair));
      }
      if (object.has(key)) {
        throw ApiException.badFields(
            List.of(FieldError.invalid(abbreviated(key), "is given twice")));
      }
      object.put(key, value);
    }
    return object;
  }

  /** Percent-decoding with '+' as a space, then strict UTF-8. */
  private static String decode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
        if (low < 0) {
          throw ApiException.invalidRequest(
              "Form body has a bad percent escape near: " + abbreviated(encoded.substring(i)));
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        bytes.write(c); // a raw byte (the body was read as ISO-8859-1)
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.invalidRequest("Form body is not UTF-8");
    }
  }

  private static String abbreviated(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
