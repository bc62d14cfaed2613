// order.create (form POST /orders), order.status (GET /orders/{order_id}, Basic auth: no JWE
// config) and order.update, which the SDK posts to '/orders' + orderId, without a slash.
import test from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from 'expresscheckout-nodejs';
import { basicJuspay, newOrderId, server } from './harness.mjs';

async function createOrder(juspay, orderId, extra = {}) {
  return juspay.order.create({
    order_id: orderId,
    amount: '10.00',
    currency: 'INR',
    customer_id: 'sdk-customer-2',
    customer_email: 'asha@example.com',
    customer_phone: '9876543210',
    return_url: 'https://shop.example/return',
    description: 'SDK order',
    udf1: 'gold',
    ...extra,
  });
}

test('order.create answers CREATED with the payment links and the token asked for', async () => {
  const juspay = basicJuspay();
  const orderId = newOrderId('ordc');
  const order = await createOrder(juspay, orderId, { 'options.get_client_auth_token': 'true' });
  assert.equal(order.http.statusCode, 200);
  assert.equal(order.status, 'CREATED');
  assert.equal(order.status_id, 1);
  assert.equal(order.order_id, orderId);
  assert.match(order.id, /^ordeh_[0-9a-f]{32}$/);
  assert.ok(order.payment_links.web.startsWith(server.baseUrl), order.payment_links.web);
  assert.equal(order.payment_links.iframe, order.payment_links.web);
  assert.match(order.juspay.client_auth_token, /^tkn_[0-9a-f]{32}$/);
  assert.ok(Date.parse(order.juspay.client_auth_token_expiry) > Date.now());
});

test('order.status reads the order with Basic auth', async () => {
  const juspay = basicJuspay();
  const orderId = newOrderId('ords');
  const created = await createOrder(juspay, orderId);
  const status = await juspay.order.status(orderId);
  assert.equal(status.http.statusCode, 200);
  assert.equal(status.status, 'NEW');
  assert.equal(status.status_id, 10);
  assert.equal(status.order_id, orderId);
  assert.equal(status.id, created.id);
  assert.equal(status.merchant_id, server.merchantId);
  assert.equal(status.amount, 10);
  assert.equal(status.currency, 'INR');
  assert.equal(status.customer_id, 'sdk-customer-2');
  assert.equal(status.customer_email, 'asha@example.com');
  assert.equal(status.udf1, 'gold');
  assert.equal(status.payment_links.web, created.payment_links.web);

  await assert.rejects(juspay.order.status(newOrderId('nope')), (error) => {
    assert.ok(error instanceof InvalidRequestError, error);
    assert.equal(error.status, 'NOT_FOUND');
    assert.equal(error.error_code, 'RESOURCE_NOT_FOUND');
    return true;
  });
});

test('order.update, sent to /orders<order_id>, changes the amount and udfs', async () => {
  const juspay = basicJuspay();
  const orderId = newOrderId('ordu');
  await createOrder(juspay, orderId);
  const updated = await juspay.order.update(orderId, { amount: '12.50', udf1: 'platinum' });
  assert.equal(updated.http.statusCode, 200);
  assert.equal(updated.order_id, orderId);
  assert.equal(updated.status, 'NEW');
  assert.equal(updated.amount, 12.5);
  assert.equal(updated.udf1, 'platinum');

  const status = await juspay.order.status(orderId);
  assert.equal(status.amount, 12.5);
  assert.equal(status.udf1, 'platinum');

  await assert.rejects(juspay.order.update(orderId, { amount: '0.5' }), (error) => {
    assert.ok(error instanceof InvalidRequestError, error);
    assert.deepEqual(error.error_info.fields.map((f) => f.field_name), ['amount']);
    return true;
  });
});
