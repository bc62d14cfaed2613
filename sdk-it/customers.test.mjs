// customer.create, customer.get and customer.update: the SDK's form POST /customers, GET and POST
// /customers/{customer_id}, with Basic auth. Every answer is read field by field.
import test from 'node:test';
import assert from 'node:assert/strict';
import { InvalidRequestError } from 'expresscheckout-nodejs';
import { basicJuspay, newOrderId } from './harness.mjs';

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

function newReference() {
  return newOrderId('cust');
}

test('customer.create answers Juspay\'s customer object, with a client auth token when asked', async () => {
  const juspay = basicJuspay();
  const reference = newReference();
  const before = Date.now() - 1000;
  const customer = await juspay.customer.create({
    object_reference_id: reference,
    mobile_number: '9876543210',
    email_address: 'asha@example.com',
    first_name: 'Asha',
    last_name: 'Rao',
    mobile_country_code: '91',
    'options.get_client_auth_token': 'true',
  });
  assert.equal(customer.http.statusCode, 200);
  assert.match(customer.id, /^cst_[a-z0-9]{16}$/);
  assert.equal(customer.object, 'customer');
  assert.equal(customer.object_reference_id, reference);
  assert.equal(customer.mobile_number, '9876543210');
  assert.equal(customer.mobile_country_code, '91');
  assert.equal(customer.email_address, 'asha@example.com');
  assert.equal(customer.first_name, 'Asha');
  assert.equal(customer.last_name, 'Rao');
  assert.match(customer.date_created, ISO_SECONDS);
  assert.ok(Date.parse(customer.date_created) >= before, customer.date_created);
  assert.equal(customer.last_updated, customer.date_created);
  assert.match(customer.juspay.client_auth_token, /^tkn_[0-9a-f]{32}$/);
  const lifetime = Date.parse(customer.juspay.client_auth_token_expiry) - Date.parse(customer.date_created);
  assert.equal(lifetime, 15 * 60 * 1000);
});

test('customer.get finds the customer by its id or by the merchant\'s object_reference_id', async () => {
  const juspay = basicJuspay();
  const reference = newReference();
  const created = await juspay.customer.create({ object_reference_id: reference, mobile_number: '9000000001' });
  assert.equal(created.juspay, undefined);
  assert.equal(created.mobile_country_code, '91');
  assert.equal(created.email_address, null);

  const { http: _a, ...byId } = await juspay.customer.get(created.id);
  const { http: _b, ...byReference } = await juspay.customer.get(reference);
  const { http: _c, ...asCreated } = created;
  assert.deepEqual(byId, asCreated);
  assert.deepEqual(byReference, asCreated);

  const withToken = await juspay.customer.get(created.id, { 'options.get_client_auth_token': 'true' });
  assert.equal(withToken.id, created.id);
  assert.match(withToken.juspay.client_auth_token, /^tkn_[0-9a-f]{32}$/);
  assert.ok(Date.parse(withToken.juspay.client_auth_token_expiry) > Date.now());
});

test('customer.update changes what it sends and keeps the rest', async () => {
  const juspay = basicJuspay();
  const reference = newReference();
  const created = await juspay.customer.create({
    object_reference_id: reference,
    mobile_number: '9000000001',
    email_address: 'old@example.com',
    first_name: 'Sandip',
    last_name: 'Patil',
  });
  const updated = await juspay.customer.update(reference, {
    mobile_number: '9000000002',
    email_address: 'new@example.com',
    mobile_country_code: '65',
  });
  assert.equal(updated.http.statusCode, 200);
  assert.equal(updated.id, created.id);
  assert.equal(updated.object_reference_id, reference);
  assert.equal(updated.mobile_number, '9000000002');
  assert.equal(updated.email_address, 'new@example.com');
  assert.equal(updated.mobile_country_code, '65');
  assert.equal(updated.first_name, 'Sandip');
  assert.equal(updated.last_name, 'Patil');
  assert.equal(updated.date_created, created.date_created);

  const reread = await juspay.customer.get(created.id);
  assert.equal(reread.mobile_number, '9000000002');
  assert.equal(reread.email_address, 'new@example.com');
});

test('a bad e-mail address is the SDK\'s InvalidRequestError, naming the field', async () => {
  const juspay = basicJuspay();
  await assert.rejects(
    juspay.customer.create({
      object_reference_id: newReference(),
      mobile_number: '9876543210',
      email_address: 'asha@@example.com',
    }),
    (error) => {
      assert.ok(error instanceof InvalidRequestError, error);
      assert.equal(error.status, 'ERROR');
      assert.equal(error.error_code, 'INVALID_REQUEST');
      assert.equal(error.error_info.code, 'INVALID_INPUT');
      assert.deepEqual(error.error_info.fields.map((f) => f.field_name), ['email_address']);
      return true;
    },
  );
});

test('a taken object_reference_id and an unknown customer are Juspay\'s errors', async () => {
  const juspay = basicJuspay();
  const reference = newReference();
  await juspay.customer.create({ object_reference_id: reference, mobile_number: '9876543210' });
  await assert.rejects(
    juspay.customer.create({ object_reference_id: reference, mobile_number: '9876543210' }),
    (error) => {
      assert.ok(error instanceof InvalidRequestError, error);
      assert.equal(error.status, 'invalid_request_error');
      assert.equal(error.error_code, 'unique');
      assert.equal(error.error_info.code, 'ALREADY_EXISTS');
      return true;
    },
  );
  await assert.rejects(juspay.customer.get(newReference()), (error) => {
    assert.ok(error instanceof InvalidRequestError, error);
    assert.equal(error.error_code, 'object_not_found');
    assert.equal(error.error_info.code, 'RESOURCE_NOT_FOUND');
    return true;
  });
});
