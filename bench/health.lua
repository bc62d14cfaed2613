-- wrk script for the framework floor: GET on a trivial endpoint, percentiles written by report.lua.
local report = dofile(os.getenv("BENCH_DIR") .. "/report.lua")

function done(summary, latency, requests)
  report.done(os.getenv("BENCH_NAME") or "health", summary, latency)
end
