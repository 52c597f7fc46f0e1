#!/usr/bin/env python3
"""The helper pieces of scripts/chaos.sh: HTTP traffic against the service, the other writer that
locks the SQLite file, and the checks that have to match client answers or e-mails against the
database. Python's standard library only; every loop is bounded by a deadline.

Subcommands (see chaos.sh for how they are used):
  BASE may name several app servers, comma-separated: requests then take turns over them, and a
  request that meets a dead server is retried on the next one where the subcommand retries.

  port                                   a free TCP port on 127.0.0.1
  wait-ready BASE SECONDS                until /health/ready answers 200
  call BASE METHOD PATH [--key] [--json] one request; prints the body; fails on an unexpected status
  edition BASE KEY                       sets up next year's edition (registration open, Week ahead)
  publish BASE YEAR MAILDIR N TAG OUT    registers N activities, reads each manage token from its
                                         verification e-mail, verifies; writes "id token" lines
  order BASE ACTIVITIES SKU OUT SECONDS  one kit order per activity, retrying through an outage
  signup BASE ACTIVITIES N TAG OUT       N sign-ups spread over the activities (--answers FILE: one
                                         JSON line per sign-up with its activity, status and position)
  mail-check DB MAILDIR LIKE             outbox rows to addresses LIKE the pattern against arrivals
                                         (DB may be a .tsv of "id<TAB>status" rows read from PostgreSQL)
  lock DB SECONDS                        holds SQLite's write lock (BEGIN EXCLUSIVE plus a write)
  burst BASE YEAR ACTIVITY SECONDS OUT   registrations, sign-ups and reads while the file is locked
  burst-check DB RESULTS                 each answer success or a clean 503; the database agrees
"""
import argparse
import concurrent.futures
import email
import email.policy
import http.client
import json
import os
import re
import socket
import sqlite3
import sys
import threading
import time
import urllib.parse
from datetime import date, datetime, timedelta, timezone

CONNECTION_ERRORS = (OSError, http.client.HTTPException)
MANAGE_LINK = re.compile(r"/beheer/activiteiten/([0-9a-f-]{36})\?token=([A-Za-z0-9_%-]+)")


class Client:
    """One keep-alive connection per thread and server; a broken connection is dropped and raised.
    With several servers (BASE "http://a,http://b") the requests take turns over them."""

    local = threading.local()

    def __init__(self, base, timeout=60):
        self.servers = []
        for one in base.split(","):
            url = urllib.parse.urlsplit(one)
            self.servers.append((url.hostname, url.port))
        self.timeout = timeout
        self.turn = iter(range(10**12))
        self.turn_lock = threading.Lock()

    def request(self, method, path, body=None, headers=None):
        with self.turn_lock:
            server = self.servers[next(self.turn) % len(self.servers)]
        connections = getattr(self.local, "connections", None)
        if connections is None:
            connections = self.local.connections = {}
        connection = connections.get(server)
        if connection is None:
            connection = connections[server] = http.client.HTTPConnection(server[0], server[1], timeout=self.timeout)
        all_headers = {"Accept": "application/json"}
        if body is not None:
            body = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
        except CONNECTION_ERRORS:
            connection.close()
            connections.pop(server, None)
            raise
        return response.status, response.getheader("Content-Type") or "", content


def problem_code(content_type, content):
    if "json" not in content_type:
        return None
    try:
        return json.loads(content).get("code")
    except (ValueError, AttributeError):
        return None


def parallel(work, items, threads=8):
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(work, items))


# Editions and activities ------------------------------------------------------------------------

def week_of(year):
    starts = date(year, 9, 24)
    return starts, starts + timedelta(days=6)


def edition(args):
    year = datetime.now(timezone.utc).year + 1
    starts, ends = week_of(year)
    body = {
        "startsOn": starts.isoformat(),
        "endsOn": ends.isoformat(),
        "openingOn": (starts - timedelta(days=1)).isoformat(),
        "registrationOpensAt": (datetime.now(timezone.utc) - timedelta(days=30)).isoformat(),
        "kitOrderDeadline": f"{(starts - timedelta(days=20)).isoformat()}T00:00:00+02:00",
    }
    status, _, content = Client(args.base).request("PUT", f"/api/editions/{year}", body, {"Authorization": f"Bearer {args.key}"})
    if status not in (200, 201):
        sys.exit(f"edition: {status} {content[:300]!r}")
    print(year)


def activity_body(year, contact_email, title, capacity=None):
    starts, _ = week_of(year)
    day = (starts + timedelta(days=1)).isoformat()
    return {
        "year": year, "title": title, "description": "Samen soep eten en praten.", "type": "meal",
        "targetGroups": ["elderly", "everyone"],
        "startsAt": f"{day}T14:00:00+02:00", "endsAt": f"{day}T16:00:00+02:00",
        "expectedParticipants": 40, "capacity": capacity, "signUpRequired": True, "free": True,
        "wheelchairAccessible": True, "accessibilityNotes": None,
        "location": {"venueName": "Buurthuis De Linde", "street": "Lindelaan", "houseNumber": "12a",
                     "postcode": "1234 AB", "city": "Lelystad", "municipalityCode": "GM0995", "onlineUrl": None},
        "organiser": {"organisationName": None, "contactName": "Chaos Drill", "contactEmail": contact_email, "phone": None},
    }


def read_mail(path):
    with open(path, "rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default)


def complete_mails(folder):
    # The test SMTP server writes ".<name>.part" and renames it: names without the dot are complete.
    return [os.path.join(folder, name) for name in os.listdir(folder) if name.endswith(".eml") and not name.startswith(".")]


def publish(args):
    client = Client(args.base)
    contacts = [f"{args.tag}-{i:05d}@example.nl" for i in range(args.count)]

    def register(contact):
        body = activity_body(args.year, contact, f"Chaos {contact}", args.capacity or None)
        status, _, content = client.request("POST", "/api/activities", body)
        if status != 201:
            raise SystemExit(f"publish: register answered {status} {content[:300]!r}")
        return json.loads(content)["id"]

    started = time.monotonic()
    ids = dict(zip(contacts, parallel(register, contacts)))
    registered = time.monotonic()

    tokens, seen, deadline = {}, set(), time.monotonic() + 120
    while len(tokens) < len(ids) and time.monotonic() < deadline:
        for path in complete_mails(args.maildir):
            if path in seen:
                continue
            seen.add(path)
            message = read_mail(path)
            if message["X-Envelope-To"] not in ids:
                continue
            match = MANAGE_LINK.search(message.get_body(("plain",)).get_content())
            if match:
                tokens[match.group(1)] = urllib.parse.unquote(match.group(2))
        time.sleep(0.2)
    missing = [i for i in ids.values() if i not in tokens]
    if missing:
        raise SystemExit(f"publish: no verification e-mail for {len(missing)} of {len(ids)} activities")
    mailed = time.monotonic()

    def verify(activity_id):
        status, _, content = client.request("POST", f"/api/activities/{activity_id}/verify", {"token": tokens[activity_id]})
        if status != 200:
            raise SystemExit(f"publish: verify answered {status} {content[:300]!r}")

    parallel(verify, list(ids.values()))
    with open(args.out, "w") as out:
        for activity_id in ids.values():
            out.write(f"{activity_id}\t{tokens[activity_id]}\n")
    print(f"activities published: {len(ids)} (register {registered - started:.1f} s, "
          f"e-mails {mailed - registered:.1f} s, verify {time.monotonic() - mailed:.1f} s)")


def load_activities(path):
    with open(path) as handle:
        return [tuple(line.split()) for line in handle if line.strip()]


# Kit orders through a crash ---------------------------------------------------------------------

def order(args):
    """Places one order per activity. A connection that breaks (the service was killed) is retried
    until the deadline; 409 kitOrderExists on a retry means the earlier attempt had committed."""
    client = Client(args.base, timeout=30)
    deadline = time.monotonic() + args.seconds
    lock = threading.Lock()
    counts = {"retries": 0}
    body = {"lines": [{"sku": args.sku, "quantity": 1}],
            "delivery": {"recipient": "Chaos Drill", "street": "Lindelaan", "houseNumber": "12a",
                         "postcode": "1234 AB", "city": "Lelystad", "phone": None}}

    def place(activity):
        activity_id, token = activity
        retried = False
        while time.monotonic() < deadline:
            try:
                status, content_type, content = client.request(
                    "POST", f"/api/activities/{activity_id}/kit-order", body, {"X-Manage-Token": token})
            except CONNECTION_ERRORS:
                status, content_type, content = None, "", b""
            if status == 201:
                return activity_id, "placed", json.loads(content)["reference"]
            code = problem_code(content_type, content)
            if status == 409 and code == "kitOrderExists" and retried:
                return activity_id, "placedBeforeTheCrash", "-"
            if status not in (None, 503):
                return activity_id, f"failed:{status}:{code}", "-"
            retried = True
            with lock:
                counts["retries"] += 1
            time.sleep(0.25)
        return activity_id, "gaveUp", "-"

    results = parallel(place, load_activities(args.activities), threads=args.threads)
    with open(args.out, "w") as out:
        for row in results:
            out.write("\t".join(row) + "\n")
    tally = {}
    for _, outcome, _ in results:
        tally[outcome] = tally.get(outcome, 0) + 1
    print(" ".join(f"{key}={value}" for key, value in sorted(tally.items())) + f" retries={counts['retries']}")


# Sign-ups and e-mail ----------------------------------------------------------------------------

def signup(args):
    """N sign-ups spread over the activities. With --retry SECONDS a sign-up whose connection broke
    (a server was killed) is sent again, to the next server; 409 alreadySignedUp on such a retry means
    the first attempt had committed, and counts as created."""
    client = Client(args.base)
    activities = [activity_id for activity_id, _ in load_activities(args.activities)]
    addresses = [f"{args.tag}-{i:05d}@example.nl" for i in range(args.count)]
    retries = {"count": 0}
    lock_ = threading.Lock()

    def sign_up(index):
        activity_id = activities[index % len(activities)]
        deadline = time.monotonic() + args.retry
        retried = False
        while True:
            try:
                status, content_type, content = client.request(
                    "POST", f"/api/activities/{activity_id}/registrations",
                    {"name": f"Deelnemer {index}", "email": addresses[index], "partySize": 1})
            except CONNECTION_ERRORS:
                status, content_type, content = None, "", b""
            if status == 409 and retried and problem_code(content_type, content) == "alreadySignedUp":
                return {"activity": activity_id, "status": "createdBeforeTheCrash", "position": None}
            if status in (None, 503) and time.monotonic() < deadline:
                retried = True
                with lock_:
                    retries["count"] += 1
                time.sleep(0.1)
                continue
            answer = json.loads(content) if status == 201 else {}
            return {"activity": activity_id, "status": answer.get("status", status), "position": answer.get("position")}

    started = time.monotonic()
    answers = parallel(sign_up, range(args.count), threads=args.threads)
    created = sum(1 for answer in answers if answer["status"] in ("confirmed", "waitlisted", "createdBeforeTheCrash"))
    with open(args.out, "w") as out:
        out.write(f"{created}\n")
    if args.answers:
        with open(args.answers, "w") as out:
            for answer in answers:
                out.write(json.dumps(answer) + "\n")
    print(f"sign-ups={args.count} created={created} other={args.count - created} retries={retries['count']} "
          f"in {time.monotonic() - started:.1f} s")


def positions_check(args):
    """The waitlist positions the answers gave, per activity: 1..n without gaps or repeats."""
    per_activity = {}
    with open(args.answers) as handle:
        for line in handle:
            answer = json.loads(line)
            entry = per_activity.setdefault(answer["activity"], {"confirmed": 0, "positions": []})
            if answer["status"] == "confirmed":
                entry["confirmed"] += 1
            elif answer["status"] == "waitlisted":
                entry["positions"].append(answer["position"])
    bad = sum(1 for entry in per_activity.values() if sorted(entry["positions"]) != list(range(1, len(entry["positions"]) + 1)))
    confirmed = sorted({entry["confirmed"] for entry in per_activity.values()})
    waitlisted = sum(len(entry["positions"]) for entry in per_activity.values())
    print(f"answered-confirmed-per-activity={','.join(map(str, confirmed))} answered-waitlisted={waitlisted} "
          f"activities-with-position-gaps-or-repeats={bad}")


def mail_check(args):
    """Every outbox row to an address LIKE the pattern must have arrived exactly once, recognised by
    its Message-Id ({row id without dashes}@domain), and no other message to such an address."""
    if args.db.endswith(".tsv"):
        with open(args.db) as handle:
            rows = [tuple(line.rstrip("\n").split("\t")) for line in handle if line.strip()]
    else:
        database = sqlite3.connect(args.db)
        rows = database.execute(
            "SELECT id, status FROM outbox_messages WHERE to_address LIKE ?", (args.like,)).fetchall()
    expected = {row_id.replace("-", ""): status for row_id, status in rows}
    pattern = re.compile("^" + re.escape(args.like).replace("%", ".*") + "$")
    arrived = {}
    for path in complete_mails(args.maildir):
        message = read_mail(path)
        if not pattern.match(message["X-Envelope-To"] or ""):
            continue
        key = (message["Message-Id"] or "").strip("<>").split("@")[0]
        arrived[key] = arrived.get(key, 0) + 1
    not_sent = sum(1 for status in expected.values() if status != "sent")
    missing = sum(1 for key in expected if key not in arrived)
    unknown = sum(1 for key in arrived if key not in expected)
    twice = sum(1 for key, copies in arrived.items() if copies > 1)
    print(f"queued={len(expected)} outbox-not-sent={not_sent} arrived={sum(arrived.values())} "
          f"distinct={len(arrived)} missing={missing} unknown={unknown} arrived-twice={twice}")


# The other writer, and a burst of requests meanwhile ---------------------------------------------

def lock(args):
    database = sqlite3.connect(args.db, isolation_level=None, timeout=30)
    database.execute("BEGIN EXCLUSIVE")
    database.execute("UPDATE editions SET updated_at = updated_at")
    print(f"locked {time.time():.3f}", flush=True)
    time.sleep(args.seconds)
    database.execute("ROLLBACK")
    database.close()
    print(f"unlocked {time.time():.3f}", flush=True)


def burst(args):
    """For SECONDS, threads send in turn: register an activity, sign up for ACTIVITY, search, read.
    Every request names itself by a unique e-mail address, so the check can find what it wrote."""
    client = Client(args.base, timeout=60)
    deadline = time.monotonic() + args.seconds
    counter = iter(range(10**9))
    lock_ = threading.Lock()
    results = []

    def worker(_):
        while time.monotonic() < deadline:
            with lock_:
                n = next(counter)
            kind = ("register", "signup", "search", "read")[n % 4]
            tag = f"lock-{kind}-{n:06d}@example.nl"
            started = time.monotonic()
            try:
                if kind == "register":
                    status, content_type, content = client.request("POST", "/api/activities", activity_body(args.year, tag, f"Slot {n}"))
                elif kind == "signup":
                    status, content_type, content = client.request(
                        "POST", f"/api/activities/{args.activity}/registrations", {"name": f"Deelnemer {n}", "email": tag, "partySize": 1})
                elif kind == "search":
                    status, content_type, content = client.request("GET", f"/api/activities?year={args.year}&limit=20")
                else:
                    status, content_type, content = client.request("GET", f"/api/activities/{args.activity}")
            except CONNECTION_ERRORS as error:
                status, content_type, content = 0, "", type(error).__name__.encode()
            body_id = None
            if status == 201:
                body_id = json.loads(content).get("id")
            with lock_:
                results.append({"kind": kind, "tag": tag, "status": status, "contentType": content_type,
                                "code": problem_code(content_type, content), "id": body_id,
                                "ms": round((time.monotonic() - started) * 1000)})
            time.sleep(0.05)

    parallel(worker, range(args.threads), threads=args.threads)
    with open(args.out, "w") as out:
        json.dump(results, out)
    print(f"requests={len(results)}")


def burst_check(args):
    with open(args.results) as handle:
        results = json.load(handle)
    database = sqlite3.connect(args.db)
    tally, problems = {}, []
    for r in results:
        ok = r["status"] in (200, 201)
        busy = r["status"] == 503 and r["code"] == "databaseBusy" and r["contentType"].startswith("application/problem+json")
        label = "ok" if ok else "503" if busy else f"bad{r['status']}"
        tally[(r["kind"], label)] = tally.get((r["kind"], label), 0) + 1
        if not ok and not busy:
            problems.append(f"{r['kind']} answered {r['status']} {r['code']}")
        if r["kind"] == "register":
            activities = database.execute("SELECT id FROM activities WHERE contact_email = ?", (r["tag"],)).fetchall()
            emails = database.execute("SELECT COUNT(1) FROM outbox_messages WHERE to_address = ?", (r["tag"],)).fetchone()[0]
            if ok and (len(activities) != 1 or activities[0][0] != r["id"] or emails != 1):
                problems.append(f"register 201 left {len(activities)} activities and {emails} e-mails")
            if busy and (activities or emails):
                problems.append(f"register 503 left {len(activities)} activities and {emails} e-mails")
        elif r["kind"] == "signup":
            signups = database.execute("SELECT id FROM registrations WHERE email = ?", (r["tag"],)).fetchall()
            emails = database.execute("SELECT COUNT(1) FROM outbox_messages WHERE to_address = ?", (r["tag"],)).fetchone()[0]
            if ok and (len(signups) != 1 or signups[0][0] != r["id"] or emails != 1):
                problems.append(f"sign-up 201 left {len(signups)} sign-ups and {emails} e-mails")
            if busy and (signups or emails):
                problems.append(f"sign-up 503 left {len(signups)} sign-ups and {emails} e-mails")
    integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
    if integrity != "ok":
        problems.append(f"integrity_check: {integrity}")
    seats = database.execute("""
        SELECT COUNT(1) FROM activities a
        WHERE a.seats_taken <> (SELECT COALESCE(SUM(r.party_size), 0) FROM registrations r
                                WHERE r.activity_id = a.id AND r.status = 'confirmed')""").fetchone()[0]
    if seats:
        problems.append(f"{seats} activities whose seats_taken differs from their confirmed sign-ups")
    for kind in ("register", "signup", "search", "read"):
        parts = [f"{label}={count}" for (k, label), count in sorted(tally.items()) if k == kind]
        slowest = max((r["ms"] for r in results if r["kind"] == kind), default=0)
        print(f"{kind}: " + " ".join(parts) + f" slowest={slowest}ms")
    print(f"integrity_check={integrity} seats-consistent={'yes' if not seats else 'no'}")
    for problem in sorted(set(problems))[:20]:
        print(f"problem: {problem}")
    sys.exit(1 if problems else 0)


# Small things -----------------------------------------------------------------------------------

def port(_):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        print(probe.getsockname()[1])


def wait_ready(args):
    client = Client(args.base, timeout=5)
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        try:
            if client.request("GET", "/health/ready")[0] == 200:
                return
        except CONNECTION_ERRORS:
            pass
        time.sleep(0.2)
    sys.exit(f"wait-ready: {args.base} not ready after {args.seconds} s")


def call(args):
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {}
    status, _, content = Client(args.base).request(args.method, args.path, json.loads(args.json) if args.json else None, headers)
    if str(status) not in args.expect.split(","):
        sys.exit(f"call {args.method} {args.path}: {status} {content[:300]!r}")
    sys.stdout.write(content.decode())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name, handler, *arguments, **options):
        sub = commands.add_parser(name)
        for argument in arguments:
            sub.add_argument(argument, type=int if argument in ("seconds", "count", "year") else str)
        for option, default in options.items():
            sub.add_argument("--" + option, type=type(default), default=default)
        sub.set_defaults(handler=handler)

    command("port", port)
    command("wait-ready", wait_ready, "base", "seconds")
    command("call", call, "base", "method", "path", key="", json="", expect="200")
    command("edition", edition, "base", "key")
    command("publish", publish, "base", "year", "maildir", "count", "tag", "out", capacity=0)
    command("order", order, "base", "activities", "sku", "out", "seconds", threads=8)
    command("signup", signup, "base", "activities", "count", "tag", "out", threads=8, answers="", retry=0)
    command("positions-check", positions_check, "answers")
    command("mail-check", mail_check, "db", "maildir", "like")
    command("lock", lock, "db", "seconds")
    command("burst", burst, "base", "year", "activity", "seconds", "out", threads=16)
    command("burst-check", burst_check, "db", "results")
    args = parser.parse_args()
    args.handler(args)


if __name__ == "__main__":
    main()
