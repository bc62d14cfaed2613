package dev.paysession.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on every answer of the application's own routes, errors included.
 * They carry client auth tokens ({@code /session}), customer e-mail and phone ({@code
 * /orders/...}), saved-card tokens (payment methods), new API keys and the payment page, so no
 * browser or shared proxy may keep a copy. Done in one place so that a new route cannot forget it;
 * a resource that sets its own {@code Cache-Control} keeps it. Quarkus's own {@code /q/*} routes
 * and the static stylesheet are not JAX-RS answers and stay cacheable.
 */
@Provider
public class NoStoreResponses implements ContainerResponseFilter {

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putIfAbsent(HttpHeaders.CACHE_CONTROL, java.util.List.of("no-store"));
  }
}
