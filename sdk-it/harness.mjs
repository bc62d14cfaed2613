// What every SDK test file shares: the running server NodeSdkIT started, and the official SDK
// configured against it exactly as a merchant configures it against Juspay (only the base URL
// differs). The SDK always speaks HTTPS (its http check compares 'http:' with 'http'), so the
// server runs with TLS and NODE_EXTRA_CA_CERTS trusts its certificate.
import { Juspay } from 'expresscheckout-nodejs';
import { randomUUID } from 'node:crypto';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through NodeSdkIT`);
  return value;
}

/** The server under test. */
export const server = {
  baseUrl: required('PAYSESSION_BASE_URL'), // https://localhost:<port>
  adminUrl: required('PAYSESSION_ADMIN_URL'), // http://127.0.0.1:<management port>
  adminToken: process.env.PAYSESSION_ADMIN_TOKEN || '',
  merchantId: required('PAYSESSION_MERCHANT_ID'),
  apiKey: required('PAYSESSION_API_KEY'),
};

/** The SDK with Basic auth, as most merchants configure it. */
export function basicJuspay(overrides = {}) {
  return new Juspay({
    merchantId: server.merchantId,
    apiKey: server.apiKey,
    baseUrl: server.baseUrl,
    ...overrides,
  });
}

/** A fresh order id, unique across runs; at most 21 characters, as order ids are. */
export function newOrderId(prefix = 'sdk') {
  return `${prefix.slice(0, 5)}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** A call to the admin API on the management port (plain HTTP, loopback). */
export async function admin(method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (server.adminToken) headers.authorization = `Bearer ${server.adminToken}`;
  const res = await fetch(server.adminUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
}

/** The status an SDK error carries, for asserting a refusal. */
export function httpStatusOf(error) {
  return error?.http?.statusCode ?? error?.httpStatusCode ?? error?.statusCode;
}
