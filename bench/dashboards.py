#!/usr/bin/env python3
"""Cold dashboard sections and write latency, for bench/run.sh --dashboards (which starts the servers).

Every dashboard section of one whole municipality for one calendar year, asked of a server without the figure cache
(Dashboards:CacheSeconds=0), each request followed by a `{ __typename }` request as the reference; --rounds rounds of
--requests each. Then the write latency of raiseSignal, changeActivity and awardGrant, alternating between the server
under test and, when given, a "before" server (another build over a copy of the same data).
Between the two, each section for two other scopes, --other-requests times each: a working area (read from the facts
kept per area) and half a year (computed from the records; grouped counts read their facts for any run of whole months), and
grouped counts for a period that starts and ends inside a month (from the records).
Prints a Markdown table per part; run.sh writes them into the results file.
"""
import argparse, base64, hashlib, hmac, json, statistics, sys, time, urllib.request

SECTIONS = ["baseline", "needs", "network", "funding", "annual-review", "counts"]


def token(key_b64, issuer, audience, subject, role):
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj, separators=(",", ":")).encode()).rstrip(b"=").decode()
    now = int(time.time())
    head = part({"alg": "HS256", "typ": "JWT"})
    body = part({"sub": subject, "role": role, "iss": issuer, "aud": audience, "iat": now - 60, "nbf": now - 60, "exp": now + 3600})
    sig = hmac.new(base64.b64decode(key_b64), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{base64.urlsafe_b64encode(sig).rstrip(b'=').decode()}"


def post(port, query, variables=None, bearer=None):
    data = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=data, method="POST",
                                 headers={"content-type": "application/json", "accept": "application/graphql-response+json"})
    if bearer:
        req.add_header("authorization", f"Bearer {bearer}")
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as r:
        body = json.loads(r.read())
    ms = (time.perf_counter() - t0) * 1000
    if body.get("errors"):
        sys.exit(f"answered with errors: {json.dumps(body)[:600]}")
    return ms, body["data"]


def p(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--port", type=int, required=True)
    a.add_argument("--before-port", type=int)
    a.add_argument("--queries", required=True)
    a.add_argument("--municipality", required=True)
    a.add_argument("--rounds", type=int, default=3)
    a.add_argument("--requests", type=int, default=10)
    a.add_argument("--writes", type=int, default=20)
    a.add_argument("--other-requests", type=int, default=3, help="requests per section for the scopes computed from the records (0: skip)")
    a.add_argument("--warmup", type=int, default=10, help="unmeasured requests per section before the cold ones")
    a.add_argument("--key", required=True)
    a.add_argument("--issuer", required=True)
    a.add_argument("--audience", required=True)
    args = a.parse_args()

    admin = token(args.key, args.issuer, args.audience, "bench-admin", "admin")
    _, d = post(args.port, "query($c: String!) { municipality(cbsCode: $c) { id } }", {"c": args.municipality})
    municipality = d["municipality"]["id"]
    queries = {s: open(f"{args.queries}/dashboard-{s}.graphql").read() for s in SECTIONS}

    # Cold sections: section, then the reference, alternately; rounds over all sections so load changes fall on each.
    cold = {s: [] for s in SECTIONS}
    reference = []
    # Unmeasured requests first: the JIT's optimised code (a method is recompiled after 30 calls) and connection pools,
    # not the figures (there is no cache). With one warm-up request, most measured requests ran unoptimised code.
    for _ in range(args.warmup):
        for s in SECTIONS:
            post(args.port, queries[s], {"municipality": municipality})
    for _ in range(args.rounds):
        for s in SECTIONS:
            for _ in range(args.requests):
                ms, _ = post(args.port, queries[s], {"municipality": municipality})
                cold[s].append(ms)
                ms, _ = post(args.port, "{ __typename }")
                reference.append(ms)
    print("| section (whole municipality, 2025) | cold p50 ms | cold p90 ms | slowest ms | requests |")
    print("| --- | --- | --- | --- | --- |")
    for s in SECTIONS:
        v = cold[s]
        print(f"| {s} | {statistics.median(v):.1f} | {p(v, 0.9):.1f} | {max(v):.1f} | {len(v)} |")
    print(f"| `{{ __typename }}` (reference, after each) | {statistics.median(reference):.1f} | {p(reference, 0.9):.1f} | {max(reference):.1f} | {len(reference)} |")
    print()

    # Other scopes: a working area for the calendar year (kept facts of its own, ADR 0019 and 0021, except what computes
    # from the records anyway), and the whole municipality for half a year (from the records). Fewer requests: a scope
    # computed from the records may take seconds.
    if args.other_requests > 0:
        _, d = post(args.port, "query($c: String!) { municipality(cbsCode: $c) { areas(first: 1) { nodes { id name } } } }", {"c": args.municipality})
        area = d["municipality"]["areas"]["nodes"][0]
        def area_scope(q):
            return q.replace("$municipality: ID!", "$area: ID!").replace("municipality: $municipality", "area: $area")
        def half_year(q):
            return q.replace('from: "2025-01-01", to: "2025-12-31"', 'from: "2025-03-01", to: "2025-08-31"')
        def odd_days(q):
            return q.replace('from: "2025-01-01", to: "2025-12-31"', 'from: "2025-03-15", to: "2025-09-14"')
        others = [(f"area ({area['name']}), 2025: facts", area_scope, {"area": area["id"]}),
                  ("whole municipality, 2025-03-01..2025-08-31: records (counts: facts, whole months)", half_year, {"municipality": municipality}),
                  ("whole municipality, 2025-03-15..2025-09-14: records", odd_days, {"municipality": municipality})]
        print("| section | scope | p50 ms | slowest ms | requests |")
        print("| --- | --- | --- | --- | --- |")
        for label, shape, variables in others:
            for s in SECTIONS:
                query = shape(queries[s])
                if s == "annual-review" and shape is not area_scope:
                    continue  # the annual review compares calendar years: a half-year period does not apply
                if s != "counts" and shape is odd_days:
                    continue  # only the grouped counts read facts for whole months and records for other days
                times = []
                for _ in range(args.other_requests):
                    ms, _ = post(args.port, query, variables)
                    times.append(ms)
                    post(args.port, "{ __typename }")
                print(f"| {s} | {label} | {statistics.median(times):.1f} | {max(times):.1f} | {len(times)} |")
        print()

    # Writes: the same mutation alternately on each server (each over its own copy of the data).
    sides = [("this build", args.port)] + ([("before", args.before_port)] if args.before_port else [])
    setup = {}
    for name, port in sides:
        _, d = post(port, """query($c: String!) { municipality(cbsCode: $c) { neighbourhoods(first: 1, level: NEIGHBOURHOOD) { nodes { id } } } themes(first: 1) { nodes { id } }
            }""", {"c": args.municipality}, admin)
        place = d["municipality"]["neighbourhoods"]["nodes"][0]["id"]
        theme = d["themes"]["nodes"][0]["id"]
        _, acts = post(port, "query($n: ID!) { activities(first: 1, filterBy: { neighbourhood: $n }) { nodes { id version } } }", {"n": place}, admin)
        # Each funder's budget line asked on its own: a build before a nested-page fix answered a funder that appears
        # under several grants wrongly (and failed on PostgreSQL).
        _, g = post(port, """{ grants(first: 100, filterBy: { statuses: [APPLIED] }) { nodes { id version funder { id } } } }""", None, admin)
        lines = {}
        for f in {x["funder"]["id"] for x in g["grants"]["nodes"] if x["funder"]}:
            _, n = post(port, "query($f: ID!) { node(id: $f) { ... on Organisation { budgetLines(first: 1) { nodes { id } } } } }", {"f": f}, admin)
            lines[f] = [b["id"] for b in n["node"]["budgetLines"]["nodes"]]
        applied = [dict(x, line=lines[x["funder"]["id"]][0]) for x in g["grants"]["nodes"] if x["funder"] and lines.get(x["funder"]["id"])]
        if len(applied) < args.writes:
            sys.exit(f"only {len(applied)} applied grants with a funder's budget line to award")
        setup[name] = {"place": place, "theme": theme, "activity": acts["activities"]["nodes"][0], "grants": applied}
    writes = {(n, m): [] for n, _ in sides for m in ("raiseSignal", "changeActivity", "awardGrant")}
    for i in range(args.writes):
        for name, port in sides:
            st = setup[name]
            ms, _ = post(port, "mutation($i: RaiseSignalInput!) { raiseSignal(input: $i) { userErrors { code } } }",
                         {"i": {"observedOn": "2025-06-01", "neighbourhood": st["place"], "themes": [st["theme"]]}})
            writes[(name, "raiseSignal")].append(ms)
            act = st["activity"]
            ms, d = post(port, "mutation($i: ChangeActivityInput!) { changeActivity(input: $i) { userErrors { code } activity { version } } }",
                         {"i": {"id": act["id"], "expectedVersion": act["version"], "capacity": 10 + i}}, admin)
            if d["changeActivity"]["userErrors"]:
                sys.exit(f"changeActivity: {d}")
            act["version"] = d["changeActivity"]["activity"]["version"]
            writes[(name, "changeActivity")].append(ms)
            grant = st["grants"][i]
            line = grant["line"]
            ms, d = post(port, "mutation($i: AwardGrantInput!) { awardGrant(input: $i) { userErrors { code message } } }",
                         {"i": {"id": grant["id"], "expectedVersion": grant["version"], "amountAwarded": 100, "awardedOn": "2025-06-01",
                                "allocations": [{"budgetLine": line, "amount": 100}]}}, admin)
            if d["awardGrant"]["userErrors"]:
                sys.exit(f"awardGrant: {d}")
            writes[(name, "awardGrant")].append(ms)
    print("| write | side | p50 ms | p90 ms | writes |")
    print("| --- | --- | --- | --- | --- |")
    for (name, m), v in writes.items():
        print(f"| {m} | {name} | {statistics.median(v):.1f} | {p(v, 0.9):.1f} | {len(v)} |")


if __name__ == "__main__":
    main()
