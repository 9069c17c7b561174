-- Refresh chains: every refresh spends a token and puts the one it got back into the pool, so each
-- token is presented exactly once, as a well-behaved client would.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local pool, first, last = {}, 1, 0

function init(args)
  for _, token in ipairs(slice(os.getenv("BENCH_WORK") .. "/" .. (os.getenv("REFRESH_FILE") or "refresh.txt"))) do
    last = last + 1
    pool[last] = token
  end
end

function request()
  local token = pool[first]
  if token == nil then
    error("refresh pool empty: use more USERS than CONNECTIONS / 2")
  end
  pool[first] = nil
  first = first + 1
  return wrk.format("POST", "/api/token/refresh/", { ["Content-Type"] = "application/json" },
    '{"refresh":"' .. token .. '"}')
end

function response(status, headers, body)
  local token = body:match('"refresh"%s*:%s*"([^"]+)"')
  if token then
    last = last + 1
    pool[last] = token
  end
end

done = report("refresh")
