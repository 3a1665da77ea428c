# /hsds/services against /graphql asking the same fields (bench/results-hsds.md): sequential GETs from one client,
# median and p90 in ms, after five warm-up requests. Start the API first on the synthetic set (bench/out/synthetic.db)
# at 127.0.0.1:5474 with GraphQL__RateLimits__Enabled=false.   python3 bench/hsds.py [requests per case, 60]
import json, time, urllib.request, urllib.parse, statistics, sys
B = 'http://127.0.0.1:5474'
Q = '''{ activities(first: 50, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { id name description status minimumAge maximumAge lastVerifiedOn modifiedAt cost { isFree fee feeDescription } provider { ... on Organisation { id name description email website } ... on Initiative { id name description } } } } }'''
FULL = '''{ activities(first: 50, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { id name description status minimumAge maximumAge lastVerifiedOn modifiedAt cost { isFree fee feeDescription } languages provider { ... on Organisation { id name description email website } ... on Initiative { id name description } } themes { id code name description } targetGroups { id code name description } neighbourhoods(first: 20) { nodes { id name cbsCode } } location { street houseNumber postcode place latitude longitude } schedule { kind startsOn endsOn weekday startTime endTime } } } }'''
def gql(q): return B + '/graphql?' + urllib.parse.urlencode({'query': q})
cases = [
  ('HSDS /hsds/services?per_page=50', B + '/hsds/services?per_page=50'),
  ('GraphQL activities(first: 50), same fields, GET', gql(Q)),
  ('HSDS /hsds/services?per_page=50&full=true', B + '/hsds/services?per_page=50&full=true'),
  ('GraphQL activities(first: 50), full fields, GET', gql(FULL)),
  ('HSDS /hsds/services?per_page=50&page=1000 (OFFSET 49,950)', B + '/hsds/services?per_page=50&page=1000'),
]
n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
for name, url in cases:
    def one():
        req = urllib.request.Request(url, headers={'Accept': 'application/json', 'Cache-Control': 'no-cache'})
        t = time.perf_counter(); body = urllib.request.urlopen(req).read(); return (time.perf_counter() - t) * 1000, len(body), body
    for _ in range(5): _, size, body = one()
    if b'"errors"' in body[:200]: print(name, 'ERROR', body[:300]); continue
    times = sorted(one()[0] for _ in range(n))
    print(f'| {name} | {statistics.median(times):.1f} | {times[int(len(times)*0.9)-1]:.1f} | {size:,} |')
