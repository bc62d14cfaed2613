-- wrk script: POST /session with the seed's sample body and a unique order_id per request.
-- Each thread writes the order_id of every 200 it receives to BENCH_OUT/<name>-acked-<n>.txt, so
-- bench/run can check that every acknowledged order is in the database.
-- Environment: BENCH_DIR, BENCH_OUT, BENCH_NAME, BENCH_AUTH (the Authorization header value),
-- BENCH_MERCHANT, BENCH_CLIENT, BENCH_RUN (an order_id prefix unique to this run).
local report = dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  name = os.getenv("BENCH_NAME") or "session"
  prefix = os.getenv("BENCH_RUN") .. name:sub(1, 1) .. tid .. "-"
  headers = {
    ["Authorization"] = os.getenv("BENCH_AUTH"),
    ["x-merchantid"] = os.getenv("BENCH_MERCHANT"),
    ["x-routing-id"] = "testing-customer-one",
    ["Content-Type"] = "application/json",
  }
  -- The seed's "default" sample request; %s is the order_id.
  template = '{"order_id":"%s","amount":"1.0","customer_id":"testing-customer-one",'
    .. '"customer_email":"test@mail.com","customer_phone":"9876543210",'
    .. '"payment_page_client_id":"' .. os.getenv("BENCH_CLIENT") .. '",'
    .. '"action":"paymentPage","return_url":"https://shop.merchant.com",'
    .. '"description":"Complete your payment","first_name":"John","last_name":"wick",'
    .. '"metadata.JUSPAY:gateway_reference_id":"Merchant_test"}'
  counter = 0
  acked = 0
  acks = io.open(os.getenv("BENCH_OUT") .. "/" .. name .. "-acked-" .. tid .. ".txt", "w")
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/session", headers, string.format(template, prefix .. counter))
end

function response(status, headers, body)
  if status == 200 then
    acked = acked + 1
    acks:write(body:match('"order_id":"([^"]+)"'), "\n")
    if acked % 256 == 0 then
      acks:flush()
    end
  elseif not first_error then
    first_error = true
    local f = io.open(os.getenv("BENCH_OUT") .. "/" .. name .. "-first-error-" .. tid .. ".txt", "w")
    f:write(status, " ", body, "\n")
    f:close()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("acked") or 0)
  end
  report.done(os.getenv("BENCH_NAME") or "session", summary, latency, { acked_200 = total })
end
