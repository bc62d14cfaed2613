// orderSession.create: the SDK's JSON POST /session, with Basic auth.
import test from 'node:test';
import assert from 'node:assert/strict';
import { basicJuspay, newOrderId, server } from './harness.mjs';

test('orderSession.create makes a NEW order with a payment page and a client auth token', async () => {
  const juspay = basicJuspay();
  const orderId = newOrderId('sess');
  const session = await juspay.orderSession.create({
    order_id: orderId,
    amount: '1.00',
    customer_id: 'sdk-customer-1',
    payment_page_client_id: server.merchantId,
    action: 'paymentPage',
    return_url: 'https://shop.example/return',
  });
  assert.equal(session.status, 'NEW');
  assert.equal(session.order_id, orderId);
  assert.match(session.id, /^ordeh_[0-9a-f]{32}$/);
  assert.ok(session.payment_links.web.startsWith(server.baseUrl), session.payment_links.web);
  assert.ok(session.sdk_payload.payload.clientAuthToken.length > 10);
  assert.equal(session.http.statusCode, 200);
});
