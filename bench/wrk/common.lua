-- Shared by the wrk scripts of bench/run: prints one machine-readable result line at the end.
-- Latencies are wrk's (microseconds, measured from the moment a request is written).
function result_line(summary, latency)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p95_us=%d p99_us=%d max_us=%d mean_us=%.0f non2xx=%d errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max, latency.mean,
    e.status, e.connect + e.read + e.write + e.timeout))
end
