-- POST with an empty body (the bare insert endpoint).
wrk.method = "POST"
