-- wrk script: POST /api/messages with deliveryMode expectReplies, one conversation per connection,
-- cycling through a few ordinary visitor questions.
local questions = {
  "What causes back spasms?",
  "How long does a back spasm usually last?",
  "Should I use heat or ice for a back spasm?",
  "Can stretching help lower back pain?",
}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  local conv = "bench-" .. thread_id .. "-" .. (counter % 64)
  local body = '{"type":"message","id":"m' .. counter .. '","channelId":"emulator","serviceUrl":"http://localhost:1",' ..
    '"deliveryMode":"expectReplies","text":"' .. q .. '","from":{"id":"user-' .. conv .. '","name":"Visitor"},' ..
    '"recipient":{"id":"spasmbot","name":"SpasmBot"},"conversation":{"id":"' .. conv .. '"}}'
  return wrk.format("POST", "/api/messages", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f requests=%d errors=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, bad))
end
