-- POST /api/token/ for known users, round robin; each login starts a session.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local users, next_user = nil, 0
local password = os.getenv("BENCH_PASSWORD")

function init(args)
  users = slice(os.getenv("BENCH_WORK") .. "/users.txt")
end

function request()
  next_user = next_user % #users + 1
  return wrk.format("POST", "/api/token/", { ["Content-Type"] = "application/json" },
    '{"username":"' .. users[next_user] .. '","password":"' .. password .. '"}')
end

done = report(os.getenv("BENCH_NAME") or "login")
