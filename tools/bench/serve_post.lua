-- wrk script for tools/bench/serve.sh: POSTs the JSON body in the file
-- named by BODY_FILE, stops each thread after MAX_REQUESTS_PER_THREAD
-- responses, and counts the answers that are not 200.
local body_file = os.getenv("BODY_FILE")
local limit = tonumber(os.getenv("MAX_REQUESTS_PER_THREAD") or "0")
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    local file = assert(io.open(body_file, "rb"))
    wrk.method = "POST"
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
    responses = 0
    failures = 0
end

function response(status, headers, body)
    responses = responses + 1
    if status ~= 200 then failures = failures + 1 end
    if limit > 0 and responses >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
    local total_failures = 0
    for _, thread in ipairs(threads) do
        total_failures = total_failures + (thread:get("failures") or 0)
    end
    io.write(string.format("non-200 answers: %d\n", total_failures))
end
