-- wrk script for proof/load.sh: POST /api/messages with deliveryMode expectReplies, varied real visitor
-- questions (answers, clarifications, safety routes, small talk), one conversation per connection slot.
-- Prints one machine-readable RESULT line with throughput, latency percentiles and completed requests.
local questions = {
  "What causes back spasms?",
  "How long does a back spasm usually last?",
  "Should I use heat or ice for a back spasm?",
  "Can stretching help lower back pain?",
  "my lower back keeps locking up when I bend over",
  "is it safe to exercise with a muscle spasm in my back",
  "what can I take for the pain",
  "when should I see a doctor about back pain",
  "does stress cause back spasms",
  "how do I sleep with a back spasm",
  "hello",
  "thanks, that helped",
  "can massage help",
  "what is sciatica",
  "back pain and I can't control my bladder",
  "spasms",
}
-- UNIQUE=1 makes every text distinct (a number is appended), so no ranking is ever reused: the worst case.
local unique = os.getenv("UNIQUE") == "1"
local counter = 0
-- not "local": thread:set() in setup() assigns the global in each thread's own Lua state
thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  if unique then q = q .. " " .. thread_id .. "x" .. counter end
  local conv = "load-" .. thread_id .. "-" .. (counter % 256)
  local body = '{"type":"message","id":"m' .. thread_id .. '-' .. counter .. '","channelId":"webchat","serviceUrl":"http://localhost:1",' ..
    '"deliveryMode":"expectReplies","text":"' .. q .. '","from":{"id":"user-' .. conv .. '","name":"Visitor"},' ..
    '"recipient":{"id":"spasmbot","name":"SpasmBot"},"conversation":{"id":"' .. conv .. '"}}'
  return wrk.format("POST", "/api/messages", {["Content-Type"] = "application/json"}, body)
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d errors=%d non2xx=%d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, bad, summary.errors.status))
end
