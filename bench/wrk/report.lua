-- Shared by every workload: one machine-readable line at the end of a wrk run.
-- RESULT <name> <requests/s> <p50 ms> <p99 ms> <non-2xx or socket errors> <requests>
function report(name)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    local errors = e.connect + e.read + e.write + e.status + e.timeout
    io.write(string.format("RESULT %s %.1f %.2f %.2f %d %d\n", name,
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      errors, summary.requests))
  end
end

-- Each thread gets its own slice of a file of lines (tokens or users), picked in setup().
local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
  thread:set("count", 0)
end

function slice(path)
  local all = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(all, line) end
  end
  local n = tonumber(os.getenv("WRK_THREADS") or "2")
  local mine = {}
  for i = 1, #all do
    if (i - 1) % n == index then table.insert(mine, all[i]) end
  end
  return mine
end
