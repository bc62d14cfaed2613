package dev.paysession.customer;

import java.time.Instant;
import java.util.Optional;

/**
 * One merchant's customer, Juspay's customer object: our id ({@code cst_…}), the merchant's own
 * {@code object_reference_id}, and the contact details the merchant gave.
 */
public record Customer(
    String merchantId,
    String id,
    String objectReferenceId,
    String mobileCountryCode,
    String mobileNumber,
    Optional<String> emailAddress,
    Optional<String> firstName,
    Optional<String> lastName,
    Instant dateCreated,
    Instant lastUpdated) {}
