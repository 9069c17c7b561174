-- POST /api/users/register/ with a new username every time.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
local n = 0
local run = tostring(os.time())

function request()
  n = n + 1
  local name = "r" .. run .. "t" .. index .. "n" .. n
  return wrk.format("POST", "/api/users/register/", { ["Content-Type"] = "application/json" },
    '{"username":"' .. name .. '","email":"' .. name .. '@bench.example","password":"Tr0ub4dor&3-bench",' ..
    '"password_confirm":"Tr0ub4dor&3-bench"}')
end

done = report("register")
