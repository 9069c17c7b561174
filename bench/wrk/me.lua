-- GET /api/users/me/ with valid access tokens, round robin.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local tokens, next_token = nil, 0

function init(args)
  tokens = slice(os.getenv("BENCH_WORK") .. "/access.txt")
  if os.getenv("ONE_TOKEN") then tokens = { tokens[1] } end
end

function request()
  next_token = next_token % #tokens + 1
  return wrk.format("GET", "/api/users/me/", { ["Authorization"] = "Bearer " .. tokens[next_token] })
end

done = report(os.getenv("BENCH_NAME") or "me")
