// JWE-encrypted calls with the SDK configured as Juspay's dashboard tells a merchant to: jweAuth
// {keyId, publicKey (the server's), privateKey (the merchant's)} and no API key, so every call
// below goes through the SDK's own JWT.jwtEncrypt and, on a 2xx, its own jwtDecrypt and verify.
import test from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { Juspay } from 'expresscheckout-nodejs';
import { admin, basicJuspay, httpStatusOf, newOrderId, server } from './harness.mjs';

const CARD = '4111111111111111';
const OTP = '123456';

/** A merchant key pair made in Node, registered through the admin API. */
async function registeredKey() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const created = await admin('POST', `/admin/merchants/${server.merchantId}/jwe-keys`, {
    merchant_public_key: publicKey,
  });
  assert.equal(created.status, 201, created.text);
  assert.match(created.json.key_id, /^key_[0-9a-f]{32}$/);
  assert.match(created.json.server_public_key, /^-----BEGIN PUBLIC KEY-----\n/);
  return { keyId: created.json.key_id, publicKey: created.json.server_public_key, privateKey };
}

function jweJuspay(jweAuth) {
  return new Juspay({ merchantId: server.merchantId, baseUrl: server.baseUrl, jweAuth });
}

/** The hosted page's card flow over plain HTTP, as a browser posts it: card form, then 3-D Secure. */
async function payByCard(pageUrl) {
  const page = new URL(pageUrl);
  const form = (fields) => ({
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const year = (new Date().getFullYear() + 3) % 100;
  const card = await fetch(
    new URL(page.pathname + '/card', page),
    form({ card_number: CARD, name_on_card: 'Asha Rao', card_exp: `12/${year}`, card_cvv: '123' }),
  );
  assert.equal(card.status, 303, await card.text());
  const attempt = await fetch(new URL(card.headers.get('location'), page), { redirect: 'manual' });
  const html = await attempt.text();
  assert.equal(attempt.status, 200, html);
  const action = html.match(/action="(\/orders\/[^"]+\/attempts\/[0-9a-f]{32}\/authenticate)"/);
  assert.ok(action, 'the 3-D Secure page has its form');
  const done = await fetch(new URL(action[1], page), form({ code: OTP }));
  assert.equal(done.status, 303, await done.text());
  return done.headers.get('location');
}

test('orderSession.create, order.status and order.refund over JWE on /v4', async () => {
  const juspay = jweJuspay(await registeredKey());
  const orderId = newOrderId('jwe');

  // orderSession.create: POST /v4/session, the answer decrypted and verified by the SDK.
  const session = await juspay.orderSession.create({
    order_id: orderId,
    amount: '10.00',
    customer_id: 'sdk-jwe-customer',
    payment_page_client_id: server.merchantId,
    action: 'paymentPage',
    return_url: 'https://shop.example/return',
  });
  assert.equal(session.http.statusCode, 200);
  assert.equal(session.status, 'NEW');
  assert.equal(session.order_id, orderId);
  assert.match(session.id, /^ordeh_[0-9a-f]{32}$/);
  assert.ok(session.payment_links.web.startsWith(server.baseUrl), session.payment_links.web);
  assert.ok(session.sdk_payload.payload.clientAuthToken.length > 10);

  // order.status before payment: POST /v4/order-status with {order_id} encrypted.
  const fresh = await juspay.order.status(orderId);
  assert.equal(fresh.http.statusCode, 200);
  assert.equal(fresh.order_id, orderId);
  assert.equal(fresh.status, 'NEW');
  assert.equal(fresh.id, session.id);

  const returned = await payByCard(session.payment_links.web);
  assert.ok(returned.startsWith('https://shop.example/return'), returned);
  assert.equal(new URL(returned).searchParams.get('status'), 'CHARGED');

  const paid = await juspay.order.status(orderId);
  assert.equal(paid.order_id, orderId);
  assert.equal(paid.merchant_id, server.merchantId);
  assert.equal(paid.status, 'CHARGED');
  assert.equal(paid.status_id, 21);
  assert.equal(Number(paid.amount), 10);
  assert.equal(paid.currency, 'INR');
  assert.equal(paid.customer_id, 'sdk-jwe-customer');
  assert.equal(paid.payment_method_type, 'CARD');
  assert.ok(paid.txn_id, 'a transaction id');
  assert.equal(paid.refunded, false);
  assert.equal(Number(paid.amount_refunded), 0);

  // order.refund: POST /v4/orders/{order_id}/refunds, a partial refund.
  const refundId = newOrderId('r'); // unique_request_id: at most 20 characters
  const refunded = await juspay.order.refund(orderId, { unique_request_id: refundId, amount: '4.00' });
  assert.equal(refunded.http.statusCode, 200);
  assert.equal(refunded.order_id, orderId);
  assert.equal(refunded.status, 'CHARGED');
  assert.equal(Number(refunded.amount_refunded), 4);
  assert.equal(refunded.refunded, false);
  assert.equal(refunded.refunds.length, 1);
  assert.equal(refunded.refunds[0].unique_request_id, refundId);
  assert.equal(Number(refunded.refunds[0].amount), 4);
  assert.equal(refunded.refunds[0].status, 'PENDING');

  // The same refund again is the plain endpoint's duplicate.call, a plain (unencrypted) 400.
  await assert.rejects(
    juspay.order.refund(orderId, { unique_request_id: refundId, amount: '4.00' }),
    (error) => {
      assert.equal(error.name, 'InvalidRequestError');
      assert.equal(error.error_code, 'duplicate.call');
      return true;
    },
  );
  const after = await juspay.order.status(orderId);
  assert.equal(Number(after.amount_refunded), 4);
  assert.equal(after.refunds.length, 1);
});

test('a call signed with a key the server does not know is an AuthenticationError (401)', async () => {
  const registered = await registeredKey();
  const { privateKey: stranger } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const juspay = jweJuspay({ ...registered, privateKey: stranger });
  await assert.rejects(juspay.order.status(newOrderId('jwe')), (error) => {
    assert.equal(error.name, 'AuthenticationError');
    assert.equal(error.error_code, 'access_denied');
    assert.match(error.error_info.developer_message, /signature does not verify/);
    return true;
  });
  // An unknown kid, with an otherwise good key pair: refused the same way.
  const unknownKid = jweJuspay({ ...registered, keyId: 'key_00000000000000000000000000000000' });
  await assert.rejects(unknownKid.orderSession.create({ order_id: newOrderId('jwe'), amount: '1.00' }),
    (error) => {
      assert.equal(error.name, 'AuthenticationError');
      assert.match(error.error_info.developer_message, /Unknown or retired JWE key/);
      return true;
    });
  // The registered key itself works.
  const status = jweJuspay(registered).order.status(newOrderId('jwe'));
  await assert.rejects(status, (error) => {
    assert.equal(error.name, 'InvalidRequestError'); // 404: no such order, not a 401
    assert.equal(error.error_code, 'RESOURCE_NOT_FOUND');
    return true;
  });
});

test('without jweAuth, order.refund falls back to Basic auth (the SDK authDecider)', async () => {
  // Not JWE-only as Juspay's docs suggest: with an API key configured, authDecider returns BASIC for
  // any resource once no listed method is configured (authPriority is not 'ordered' for refunds).
  const juspay = basicJuspay();
  const orderId = newOrderId('basic');
  const session = await juspay.orderSession.create({
    order_id: orderId,
    amount: '2.00',
    customer_id: 'sdk-basic-customer',
    payment_page_client_id: server.merchantId,
    action: 'paymentPage',
    return_url: 'https://shop.example/return',
  });
  await payByCard(session.payment_links.web);
  const refundId = newOrderId('b');
  const refunded = await juspay.order.refund(orderId, { unique_request_id: refundId, amount: '1.00' });
  assert.equal(refunded.refunds[0].unique_request_id, refundId);
  assert.equal(refunded.http.statusCode, 200);
  assert.equal(Number(refunded.amount_refunded), 1);
  assert.equal(refunded.refunds[0].status, 'PENDING');
  assert.equal(httpStatusOf(refunded), 200);
});
