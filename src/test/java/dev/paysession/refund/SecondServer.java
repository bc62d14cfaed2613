package dev.paysession.refund;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paysession.api.ApiException;
import dev.paysession.gateway.GatewayRegistry;
import dev.paysession.mandate.MandateStore;
import dev.paysession.order.AttemptStore;
import dev.paysession.order.OrderMandates;
import dev.paysession.order.OrderReader;
import dev.paysession.order.OrderStore;
import dev.paysession.order.PaymentLinks;
import dev.paysession.webhook.WebhookOutbox;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A second "server" on the same database: the production refund code path ({@link
 * RefundService#create}, the stores, the state machine and the webhook outbox), built by hand
 * outside the Quarkus application, each request on its own new JDBC connection (no pool shared with
 * the server, no JTA: the connection's transaction is begun, committed or rolled back here, and
 * every store call in the request joins it, as the server's {@code @Transactional} does).
 */
final class SecondServer {

  /** Juspay's answer: 200, or 400 with its error_code (404 for an unknown order). */
  record Answer(int status, String errorCode) {}

  private final String url;
  private final String user;
  private final String password;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();
  private final RefundService refunds;

  SecondServer(String url, String user, String password, ObjectMapper json) throws Exception {
    this.url = url;
    this.user = user;
    this.password = password;
    AgroalDataSource dataSource = threadBound();
    AttemptStore attempts = build(AttemptStore.class, dataSource);
    OrderStore orders =
        build(
            OrderStore.class,
            new Class<?>[] {
              AgroalDataSource.class,
              int.class,
              int.class,
              io.micrometer.core.instrument.MeterRegistry.class
            },
            dataSource,
            0,
            1,
            new SimpleMeterRegistry());
    OrderReader reader = build(OrderReader.class, dataSource);
    PaymentLinks links =
        build(PaymentLinks.class, new Class<?>[] {String.class}, "http://second-server");
    RefundStore store = new RefundStore(dataSource);
    // The mandate block of an order, read as the real server reads it (none, for these orders).
    MandateStore mandateStore =
        build(
            MandateStore.class,
            new Class<?>[] {AgroalDataSource.class, ObjectMapper.class},
            dataSource,
            json);
    OrderMandates mandates =
        (OrderMandates)
            build(
                Class.forName("dev.paysession.mandate.MandateBlocks"),
                new Class<?>[] {MandateStore.class},
                mandateStore);
    WebhookOutbox outbox =
        build(
            WebhookOutbox.class,
            new Class<?>[] {
              AgroalDataSource.class,
              OrderReader.class,
              AttemptStore.class,
              dev.paysession.order.OrderRefunds.class,
              OrderMandates.class,
              ObjectMapper.class,
              PaymentLinks.class
            },
            dataSource,
            reader,
            attempts,
            store,
            mandates,
            json,
            links);
    RefundConfig config =
        new RefundConfig() {
          @Override
          public Duration manualReviewAfter() {
            return Duration.ofDays(10);
          }

          @Override
          public Duration duplicateAmountWindow() {
            return Duration.ofSeconds(5);
          }
        };
    this.refunds =
        new RefundService(
            orders,
            attempts,
            store,
            new RefundStateMachine(store),
            outbox,
            GatewayRegistry.of(List.of()),
            Clock.systemUTC(),
            config);
  }

  /** One refund request, in its own transaction on its own connection. */
  Answer refund(String merchantId, String orderId, RefundRules.Request request)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        refunds.create(merchantId, orderId, request);
        connection.commit();
        return new Answer(200, null);
      } catch (ApiException e) {
        connection.rollback();
        return new Answer(e.httpStatus(), e.errorCode());
      } finally {
        current.remove();
      }
    }
  }

  /** A datasource whose connections are the calling thread's one, left open by close(). */
  private AgroalDataSource threadBound() {
    return (AgroalDataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {AgroalDataSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getConnection")) {
                throw new UnsupportedOperationException(method.getName());
              }
              Connection connection = current.get();
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    if (m.getName().equals("close")) {
                      return null;
                    }
                    try {
                      return m.invoke(connection, a);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
            });
  }

  private static <T> T build(Class<T> type, AgroalDataSource dataSource) throws Exception {
    return build(type, new Class<?>[] {AgroalDataSource.class}, dataSource);
  }

  private static <T> T build(Class<T> type, Class<?>[] parameters, Object... arguments)
      throws Exception {
    Constructor<T> constructor = type.getDeclaredConstructor(parameters);
    constructor.setAccessible(true);
    return constructor.newInstance(arguments);
  }
}
