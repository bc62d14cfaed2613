package dev.paysession.checkout;

import dev.paysession.gateway.CardBrand;
import java.time.Instant;

/**
 * A card a customer saved: the gateway's token, the brand and the last four digits, nothing more.
 */
public record SavedCard(
    String token, String gateway, CardBrand brand, String lastFour, Instant savedAt) {}
