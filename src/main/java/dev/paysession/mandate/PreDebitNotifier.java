package dev.paysession.mandate;

import java.time.Instant;
import java.util.Map;

/**
 * Juspay's pre-debit notification ({@code POST /mandates/{mandate_id}} with {@code
 * command=pre_debit_notify}): the mandate command resource hands the request's fields here.
 */
public interface PreDebitNotifier {

  /**
   * Sends a notification of an upcoming debit on {@code mandate}, from the request's flat fields
   * ({@code object_reference_id}, {@code description}, {@code source_info}); returns Juspay's
   * notification object, ready to write as the answer. Refuses bad input with an {@code
   * ApiException}.
   */
  Object notify(MandateRecord mandate, Map<String, String> fields, Instant now) throws Exception;
}
