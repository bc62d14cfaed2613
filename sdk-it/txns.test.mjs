// payments.create: the SDK's form-encoded POST /txns (Basic auth when no JWE key is configured;
// the SDK always adds format=json). The authentication URL it answers is followed with fetch as a
// browser follows it: GET, read the page's form, POST it, and land on the signed return URL.
import test from 'node:test';
import assert from 'node:assert/strict';
import { basicJuspay, newOrderId, server } from './harness.mjs';

const RETURN_URL = 'https://shop.example/return';

async function newOrder(juspay, prefix) {
  const orderId = newOrderId(prefix);
  const session = await juspay.orderSession.create({
    order_id: orderId,
    amount: '1.00',
    customer_id: 'sdk-txns-customer',
    payment_page_client_id: server.merchantId,
    action: 'paymentPage',
    return_url: RETURN_URL,
  });
  assert.equal(session.status, 'NEW');
  return orderId;
}

/** A GET or form POST without following redirects; answers the status, Location and body. */
async function browse(url, form) {
  const res = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  const location = res.headers.get('location');
  return {
    status: res.status,
    location: location ? new URL(location, url).toString() : null,
    text: await res.text(),
  };
}

/** Follows the authentication URL to the attempt's page; answers the page's URL and HTML. */
async function openAuthentication(authenticationUrl) {
  const start = await browse(authenticationUrl);
  assert.equal(start.status, 303, start.text);
  const page = await browse(start.location);
  assert.equal(page.status, 200, page.text);
  const action = page.text.match(/<form method="post" action="([^"]+)"/);
  assert.ok(action, `no form on ${start.location}`);
  return { url: start.location, html: page.text, action: new URL(action[1], start.location).toString() };
}

/** The signed outcome in the return-URL redirect. */
function outcomeOf(redirect) {
  assert.ok(redirect.location.startsWith(RETURN_URL), redirect.location);
  const query = new URL(redirect.location).searchParams;
  assert.ok(query.get('signature'), 'the redirect is signed');
  return Object.fromEntries(query.entries());
}

test('payments.create pays by card through the sandbox 3-D Secure page; order.status shows it', async () => {
  const juspay = basicJuspay();
  const orderId = await newOrder(juspay, 'txcrd');
  const year = String((new Date().getUTCFullYear() + 3) % 100).padStart(2, '0');
  const txn = await juspay.payments.create({
    order_id: orderId,
    payment_method_type: 'CARD',
    payment_method: 'VISA',
    card_number: '4111111111111111',
    card_exp_month: '12',
    card_exp_year: year,
    name_on_card: 'Asha Rao',
    card_security_code: '123',
    save_to_locker: false,
    redirect_after_payment: true,
  });
  assert.equal(txn.http.statusCode, 200);
  assert.equal(txn.order_id, orderId);
  assert.equal(txn.txn_id, `${server.merchantId}-${orderId}-1`);
  assert.match(txn.txn_uuid, /^[0-9a-f]{32}$/);
  assert.equal(txn.status, 'PENDING_VBV');
  assert.equal(txn.payment.authentication.method, 'GET');
  assert.ok(txn.payment.authentication.url.startsWith(server.baseUrl), txn.payment.authentication.url);

  const challenge = await openAuthentication(txn.payment.authentication.url);
  assert.match(challenge.html, /name="code"/);
  const redirect = await browse(challenge.action, { code: '123456' });
  assert.equal(redirect.status, 303, redirect.text);
  const outcome = outcomeOf(redirect);
  assert.equal(outcome.order_id, orderId);
  assert.equal(outcome.status, 'CHARGED');
  assert.equal(outcome.status_id, '21');

  const order = await juspay.order.status(orderId);
  assert.equal(order.status, 'CHARGED');
  assert.equal(order.txn_id, txn.txn_id);
  assert.equal(order.txn_uuid, txn.txn_uuid);
  assert.equal(order.payment_method_type, 'CARD');
  assert.equal(order.card.last_four_digits, '1111');
});

test('payments.create with a UPI collect settles as the sandbox says', async () => {
  const juspay = basicJuspay();
  const paid = await newOrder(juspay, 'txupi');
  const txn = await juspay.payments.create({
    order_id: paid,
    payment_method_type: 'UPI',
    payment_method: 'UPI',
    txn_type: 'UPI_COLLECT',
    upi_vpa: 'success@upi',
    redirect_after_payment: true,
  });
  assert.equal(txn.status, 'CHARGED');
  const order = await juspay.order.status(paid);
  assert.equal(order.status, 'CHARGED');
  assert.equal(order.payment_method_type, 'UPI');
  assert.equal(order.upi.payer_vpa, 'success@upi');

  const failed = await newOrder(juspay, 'txupf');
  const declined = await juspay.payments.create({
    order_id: failed,
    payment_method_type: 'UPI',
    txn_type: 'UPI_COLLECT',
    upi_vpa: 'failure@upi',
  });
  assert.equal(declined.status, 'AUTHORIZATION_FAILED');
  assert.equal((await juspay.order.status(failed)).status, 'AUTHORIZATION_FAILED');
});

test('payments.create by net banking is approved on the sandbox bank page', async () => {
  const juspay = basicJuspay();
  const orderId = await newOrder(juspay, 'txnb');
  const txn = await juspay.payments.create({
    order_id: orderId,
    payment_method_type: 'NB',
    payment_method: 'NB_HDFC',
    redirect_after_payment: true,
  });
  assert.equal(txn.status, 'PENDING_VBV');
  const bank = await openAuthentication(txn.payment.authentication.url);
  assert.match(bank.html, /HDFC Bank/);
  const redirect = await browse(bank.action, { decision: 'approve' });
  assert.equal(redirect.status, 303, redirect.text);
  assert.equal(outcomeOf(redirect).status, 'CHARGED');
  const order = await juspay.order.status(orderId);
  assert.equal(order.status, 'CHARGED');
  assert.equal(order.payment_method_type, 'NB');
  assert.equal(order.payment_method, 'NB_HDFC');
});

test('payments.create refuses a card number that fails its check digit, naming the field', async () => {
  const juspay = basicJuspay();
  const orderId = await newOrder(juspay, 'txbad');
  await assert.rejects(
    juspay.payments.create({
      order_id: orderId,
      payment_method_type: 'CARD',
      card_number: '4111111111111112',
      card_exp_month: '12',
      card_exp_year: '40',
      card_security_code: '123',
    }),
    (error) => {
      // The SDK maps 400 and 404 to InvalidRequestError and keeps no HTTP status on it.
      assert.equal(error.name, 'InvalidRequestError');
      assert.equal(error.error_code, 'INVALID_REQUEST');
      const answer = JSON.stringify(error.raw ?? {}) + error.message;
      assert.match(answer, /card_number/);
      assert.ok(!answer.includes('4111111111111112'), 'the number is not echoed');
      return true;
    },
  );
  assert.equal((await juspay.order.status(orderId)).status, 'NEW');
});
