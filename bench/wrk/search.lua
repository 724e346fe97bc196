-- GET /v1/decisions?<filters> (finding stored decisions) for query strings read from a file (one a
-- line, without the leading '?'), taken at random: wrk ... -s search.lua URL -- QUERIES.txt
-- (env BENCH_KEY: an API key with the role review)
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local auth = os.getenv("BENCH_KEY")
local queries = {}
local nthreads = 0
function setup(thread)
  nthreads = nthreads + 1
  thread:set("seed", nthreads)
end
function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(queries, line) end
  end
  math.randomseed((seed or 1) * 7919)
end
function request()
  local h = {}
  if auth then h["Authorization"] = "Bearer " .. auth end
  return wrk.format("GET", "/v1/decisions?" .. queries[math.random(#queries)], h)
end
function done(summary, latency, requests)
  result_line(summary, latency)
end
