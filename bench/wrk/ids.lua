-- GET /v1/decisions/{id} or POST /v1/decisions/{id}/replay for ids read from a file (one a line),
-- taken at random: wrk ... -s ids.lua URL -- IDS.txt get|replay   (env BENCH_KEY: the API key to send)
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local auth = os.getenv("BENCH_KEY")
local ids = {}
local mode = "get"
local nthreads = 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("seed", nthreads)
end
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(ids, line) end
  end
  mode = args[2] or "get"
  math.randomseed((seed or 1) * 7919)
end
local function headers(h)
  if auth then h["Authorization"] = "Bearer " .. auth end
  return h
end
function request()
  local id = ids[math.random(#ids)]
  if mode == "replay" then
    return wrk.format("POST", "/v1/decisions/" .. id .. "/replay", headers({["Content-Type"] = "application/json"}),
      '{"against":"original"}')
  end
  return wrk.format("GET", "/v1/decisions/" .. id, headers({}))
end
function done(summary, latency, requests)
  result_line(summary, latency)
end
