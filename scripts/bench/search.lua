-- GET /api/activities for a different municipality on every request (codes from WTE_CODES, comma separated).
local codes = {}
for code in string.gmatch(os.getenv("WTE_CODES") or "GM0363", "[^,]+") do codes[#codes + 1] = code end
local year = os.getenv("WTE_YEAR") or "2027"
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/activities?year=" .. year .. "&municipality=" .. codes[(n % #codes) + 1] .. "&limit=20")
end
