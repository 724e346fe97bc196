-- POST a JSON body read from a file: wrk ... -s post.lua URL -- BODY.json [RATE THREADS]
-- With RATE (requests per second over all THREADS) each thread paces its requests on a schedule
-- (open loop as long as enough connections are free); without it, closed loop at -c connections.
-- env BENCH_KEY: the API key sent as Authorization: Bearer.
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local auth = os.getenv("BENCH_KEY")
local ffi = require "ffi"
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk, bench_timespec *ts);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval, nxt
function init(args)
  local f = assert(io.open(args[1], "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
  if auth then wrk.headers["Authorization"] = "Bearer " .. auth end
  if args[2] then
    interval = 1000.0 * tonumber(args[3] or "1") / tonumber(args[2])
  end
end

function delay()
  if not interval then return 0 end
  local t = now_ms()
  if not nxt or nxt < t - 1000 then nxt = t end
  local d = nxt - t
  nxt = nxt + interval
  if d < 0 then return 0 end
  return d
end

function done(summary, latency, requests)
  result_line(summary, latency)
end
