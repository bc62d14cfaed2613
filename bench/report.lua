-- Shared by session.lua and health.lua: wrk's done() hook writes a latency-percentile table
-- (for the plot) and a key=value summary (for bench/run's checks) under BENCH_OUT/<name>.
local report = {}

function report.done(name, summary, latency, extra)
  local dir = os.getenv("BENCH_OUT")
  local pct = io.open(dir .. "/" .. name .. ".percentiles", "w")
  for _, p in ipairs({ 0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 98, 99, 99.5,
                       99.8, 99.9, 99.95, 99.99 }) do
    pct:write(string.format("%g %.3f\n", p, latency:percentile(p) / 1000.0))
  end
  pct:write(string.format("100 %.3f\n", latency.max / 1000.0))
  pct:close()

  local out = io.open(dir .. "/" .. name .. ".summary", "w")
  local e = summary.errors
  out:write(string.format("requests=%d\nduration_us=%d\n", summary.requests, summary.duration))
  out:write(string.format("err_connect=%d\nerr_read=%d\nerr_write=%d\nerr_timeout=%d\n",
                          e.connect, e.read, e.write, e.timeout))
  out:write(string.format("err_status=%d\n", e.status))
  for _, p in ipairs({ 50, 90, 99 }) do
    out:write(string.format("p%d_ms=%.3f\n", p, latency:percentile(p) / 1000.0))
  end
  out:write(string.format("max_ms=%.3f\nmean_ms=%.3f\n", latency.max / 1000.0,
                          latency.mean / 1000.0))
  for k, v in pairs(extra or {}) do
    out:write(string.format("%s=%s\n", k, tostring(v)))
  end
  out:close()
end

return report
