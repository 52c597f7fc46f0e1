-- POST a sign-up with a fresh e-mail address (unique per run, thread and request) to one of the
-- activities in WTE_ACTIVITIES (comma separated); party sizes 1, 2 and 3 in turn.
local ids = {}
for id in string.gmatch(os.getenv("WTE_ACTIVITIES") or "", "[^,]+") do ids[#ids + 1] = id end
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tag", (os.getenv("WTE_RUN") or "run") .. "t" .. threads)
end
local counter = 0
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  local body = '{"name":"Deelnemer","email":"' .. tag .. "-" .. counter .. '@bench.test","partySize":' .. ((counter % 3) + 1) .. '}'
  return wrk.format("POST", "/api/activities/" .. id .. "/registrations", { ["Content-Type"] = "application/json" }, body)
end
