using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Security.Reliability;

/// <summary>The figures of one live run (docs/security.md, "Reliability").</summary>
public sealed record ReliabilityFigures
{
    public int KillRounds { get; set; }

    public int KillAcknowledged { get; set; }

    public int KillLost { get; set; }

    public int KillInFlight { get; set; }

    public int KillInFlightLanded { get; set; }

    /// <summary>Answers that were neither a success nor a dropped connection (an error reaching the client).</summary>
    public int KillRefused { get; set; }

    public int IntegrityOk { get; set; }

    public int AwardsAcknowledged { get; set; }

    public int AwardsChecked { get; set; }

    public int AwardsTorn { get; set; }

    public int ConcurrentExpected { get; set; }

    public int ConcurrentRows { get; set; }

    public int ConcurrentErrors { get; set; }

    public int ConcurrentLocked { get; set; }

    public double ConcurrentSeconds { get; set; }

    public long ConcurrentSlowestMs { get; set; }

    public List<string> ConcurrentErrorSamples { get; } = [];

    public int DrainInFlight { get; set; }

    public int DrainAnswered { get; set; }

    public int DrainRowsStored { get; set; }

    public bool DrainReadyWasOkBefore { get; set; }

    public double? DrainReady503AfterMs { get; set; }

    public int DrainExitCode { get; set; } = -1;

    public int FloodSent { get; set; }

    public int FloodOk { get; set; }

    public int FloodLimited { get; set; }

    public int FloodLimitedWellFormed { get; set; }

    public int FloodOther { get; set; }

    public int BystanderSent { get; set; }

    public int BystanderOk { get; set; }

    public int FloodExitCode { get; set; } = -1;

    public double KillSeconds { get; set; }

    public double TotalSeconds { get; set; }

    public string LoadBefore { get; set; } = string.Empty;

    public string Table() => string.Join('\n',
        "| Case | Figure | Must be |",
        "| --- | --- | --- |",
        $"| kill -9 during writes | {KillRounds} rounds in {KillSeconds:0} s, {KillAcknowledged} writes acknowledged, {KillLost} lost; {KillInFlight} in flight at the kills ({KillInFlightLanded} of them stored); {KillRefused} error answers | 20 rounds, 0 lost, 0 errors |",
        $"| `PRAGMA integrity_check` after each restart | ok in {IntegrityOk} of {KillRounds} | ok in all |",
        $"| awardGrant (grant + 2 allocations) across the kills | {AwardsAcknowledged} acknowledged, {AwardsChecked} grants checked, {AwardsTorn} half-written | 0 half-written |",
        $"| 8 writers × 500 inserts | {ConcurrentRows} of {ConcurrentExpected} rows, {ConcurrentErrors} errors ({ConcurrentLocked} \"database is locked\"), {ConcurrentSeconds:0.0} s, slowest write {ConcurrentSlowestMs} ms | all rows, 0 errors |",
        $"| SIGTERM with {DrainInFlight} requests in flight | {DrainAnswered} answered 200 ({DrainRowsStored} stored), /health/ready 503 {(DrainReady503AfterMs is { } ms ? $"{ms:0} ms after SIGTERM" : "never")} (200 before: {(DrainReadyWasOkBefore ? "yes" : "no")}), exit code {DrainExitCode} | all answered, 503 first, exit 0 |",
        $"| flood from one caller | {FloodSent} sent: {FloodOk} 200, {FloodLimited} 429 ({FloodLimitedWellFormed} with Retry-After and RATE_LIMITED), {FloodOther} other | 429 + Retry-After + RATE_LIMITED |",
        $"| a second caller during the flood | {BystanderOk} of {BystanderSent} 200; exit code {FloodExitCode} | all 200 |",
        $"| total time | {TotalSeconds:0} s | bounded |");
}

/// <summary>
/// The live reliability run: the built API as a real process on 127.0.0.1 over a temp SQLite file, real JWTs, real
/// mutations over HTTP. Bounded in count (20 kill rounds, 8 × 500 inserts, 20 drained requests, 300 flood requests) and
/// in time (every wait has a deadline). Used by <see cref="LiveReliabilityTests"/>; tests/reliability/run.sh runs it alone.
/// </summary>
public sealed class LiveReliabilityRun(Action<string> log)
{
    public const int KillRounds = 20;
    public const int Writers = 8;
    public const int InsertsPerWriter = 500;
    public const int DrainRequests = 20;
    public const int FloodRequests = 300;
    public const int BystanderRequests = 40;

    private const string RecordReach = "mutation($input: RecordReachInput!) { recordReach(input: $input) { reachRecord { id } userErrors { code message } } }";
    private const string Award = "mutation($input: AwardGrantInput!) { awardGrant(input: $input) { grant { id } userErrors { code message } } }";

    // Budgets out of the way while measuring durability; the flood runs on a fresh process with the defaults.
    private static readonly Dictionary<string, string> Unthrottled = new()
    {
        ["GraphQL__RateLimits__RequestsPerMinuteAnonymous"] = "100000000",
        ["GraphQL__RateLimits__RequestsPerMinuteAuthenticated"] = "100000000",
        ["GraphQL__RateLimits__MutationsPerMinute"] = "100000000",
        ["GraphQL__RateLimits__CostPerMinuteAuthenticated"] = "1000000000",
    };

    private readonly string _coordinator = Tokens.Mint(DemoAccess.CoordinatorSubject, "coordinator");
    private readonly string _official = Tokens.Mint(DemoAccess.OfficialSubject, "municipal_official");
    private readonly Random _random = new(6);
    private string _activity = string.Empty;
    private List<(Guid Id, int Version)> _applications = [];
    private string[] _budgetLines = [];

    public ReliabilityFigures Figures { get; } = new();

    public async Task<ReliabilityFigures> RunAsync()
    {
        var total = Stopwatch.StartNew();
        Figures.LoadBefore = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        var folder = Directory.CreateTempSubdirectory("infra-reliability-").FullName;
        var database = Path.Combine(folder, "reliability.db");
        try
        {
            log($"API: {ApiProcess.DllPath}; data: {database}");
            var api = await ApiProcess.StartAsync(database, Unthrottled);
            try
            {
                await PrepareAsync(database);
                var kills = Stopwatch.StartNew();
                api = await KillRoundsAsync(api, database);
                Figures.KillSeconds = kills.Elapsed.TotalSeconds;
                await ConcurrentWritersAsync(api, database);
                await DrainAsync(api, database);
            }
            finally
            {
                await api.DisposeAsync();
            }

            await FloodAsync(database);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Figures.TotalSeconds = total.Elapsed.TotalSeconds;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }

        log(Figures.Table());
        return Figures;
    }

    /// <summary>The coordinator's activity to count reach for, and grant applications for the official to award.</summary>
    private async Task PrepareAsync(string database)
    {
        await using var db = Open(database);
        var activity = await db.Activities.Where(a => a.ProviderInitiative!.Name == "Eettafel Middelland (demo)").Select(a => a.Id).FirstAsync();
        _activity = GlobalId.Encode("Activity", activity);
        var funder = await db.Organisations.SingleAsync(o => o.Name == "Gemeente Nissewaard");
        var recipient = await db.Organisations.SingleAsync(o => o.Name == DemoAccess.PartnerOrganisation);
        var applicant = await db.People.SingleAsync(p => p.Subject == DemoAccess.PartnerSubject);
        _budgetLines = [.. (await db.BudgetLines.Where(l => l.FunderId == funder.Id).OrderBy(l => l.Name).Select(l => l.Id).Take(2).ToListAsync()).Select(id => GlobalId.Encode("BudgetLine", id))];
        var grants = Enumerable.Range(0, 600).Select(i => new Grant
        {
            Identifier = $"360G-RELIABILITY-{i:0000}",
            Title = $"Aanvraag {i} (reliability)",
            FunderId = funder.Id,
            RecipientOrganisationId = recipient.Id,
            AppliedByPersonId = applicant.Id,
            AmountAppliedForCents = 1_000_00,
            AppliedOn = new DateOnly(2025, 6, 1),
            Status = GrantStatus.Applied,
        }).ToList();
        db.AddRange(grants);
        await db.SaveChangesAsync();
        _applications = [.. grants.Select(g => (g.Id, g.Version))];
    }

    /// <summary>Rounds of: writers stream creates and awards, SIGKILL at a random moment, restart, check what was acknowledged.</summary>
    private async Task<ApiProcess> KillRoundsAsync(ApiProcess api, string database)
    {
        var acknowledged = new ConcurrentBag<string>();
        var awarded = new ConcurrentBag<Guid>();
        var refused = new ConcurrentBag<string>();
        var nextApplication = -1;
        for (var round = 1; round <= KillRounds; round++)
        {
            using var client = Client(api);
            var inFlight = 0;
            var stop = new CancellationTokenSource();
            var firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Sends one write; false once the server is gone (that write is in doubt, not acknowledged).
            async Task<bool> WriteAsync(string query, object input, string token, string mutation, Action acknowledge)
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    var response = await PostAsync(client, query, new { input }, token);
                    if (IsAcknowledged(response, mutation))
                    {
                        acknowledge();
                        firstAnswer.TrySetResult();
                    }
                    else
                    {
                        refused.Add($"{response.Status}: {response.Text}");
                    }

                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }

            var reachWriters = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var note = $"kill-r{round}-w{w}-{n}";
                    if (!await WriteAsync(RecordReach, ReachInput(note), _coordinator, "recordReach", () => acknowledged.Add(note)))
                    {
                        return;
                    }
                }
            })).ToList();
            var awardWriter = Task.Run(async () =>
            {
                int index;
                while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref nextApplication)) < _applications.Count)
                {
                    var (id, version) = _applications[index];
                    var input = new
                    {
                        id = GlobalId.Encode("Grant", id),
                        expectedVersion = version,
                        amountAwarded = 1000.00m,
                        allocations = new[] { new { budgetLine = _budgetLines[0], amount = 600.00m }, new { budgetLine = _budgetLines[1], amount = 400.00m } },
                    };
                    if (!await WriteAsync(Award, input, _official, "awardGrant", () => awarded.Add(id)))
                    {
                        return;
                    }
                }
            });

            // Kill at a random moment once writes are flowing (a fresh process builds its schema on the first request).
            await firstAnswer.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(_random.Next(200, 1200));
            var atKill = Volatile.Read(ref inFlight);
            api.Kill();
            await api.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await stop.CancelAsync();
            await Task.WhenAll([.. reachWriters, awardWriter]).WaitAsync(TimeSpan.FromSeconds(60));
            Figures.KillInFlight += atKill;

            api = await ApiProcess.StartAsync(database, Unthrottled);
            await using var db = Open(database);
            var stored = (await db.ReachRecords.Where(r => r.Note!.StartsWith("kill-")).Select(r => r.Note!).ToListAsync()).ToHashSet();
            var acked = acknowledged.ToHashSet();
            var lost = acked.Where(n => !stored.Contains(n)).ToList();
            Figures.KillLost = lost.Count;
            Figures.KillAcknowledged = acked.Count;
            Figures.KillInFlightLanded = stored.Count(n => !acked.Contains(n));
            Figures.KillRounds = round;
            Figures.KillRefused = refused.Count;
            Figures.IntegrityOk += await IntegrityCheckAsync(database) == "ok" ? 1 : 0;
            await CheckAwardsAsync(db, awarded);
            log($"round {round}: kill with {atKill} in flight; {acked.Count} acknowledged so far, {lost.Count} lost; {Figures.AwardsTorn} half-written awards; {refused.Count} error answers {refused.FirstOrDefault()}");
        }

        return api;
    }

    /// <summary>Every grant of the run is either untouched (APPLIED, no allocations) or wholly awarded (AWARDED, both allocations adding up).</summary>
    private async Task CheckAwardsAsync(InfrastructuurDb db, ConcurrentBag<Guid> acknowledged)
    {
        var grants = await db.Grants.Where(g => g.Identifier.StartsWith("360G-RELIABILITY-"))
            .Select(g => new { g.Id, g.Status, g.AmountAwardedCents, Allocations = g.Allocations.Count, Allocated = g.Allocations.Sum(a => a.AmountCents) })
            .ToListAsync();
        var awarded = acknowledged.ToHashSet();
        Figures.AwardsChecked = grants.Count;
        Figures.AwardsAcknowledged = awarded.Count;
        Figures.AwardsTorn = grants.Count(g =>
            !(g.Status == GrantStatus.Applied && g.Allocations == 0 && g.AmountAwardedCents is null && !awarded.Contains(g.Id))
            && !(g.Status == GrantStatus.Awarded && g.Allocations == 2 && g.Allocated == 1_000_00 && g.AmountAwardedCents == 1_000_00));
    }

    /// <summary>8 writers × 500 creates at once on one SQLite file: every row stored, no error reaching a client.</summary>
    private async Task ConcurrentWritersAsync(ApiProcess api, string database)
    {
        using var client = Client(api);
        var errors = new ConcurrentBag<string>();
        var slowest = new ConcurrentBag<long>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var writerSlowest = 0L;
            for (var n = 0; n < InsertsPerWriter; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var response = await PostAsync(client, RecordReach, new { input = ReachInput($"concurrent-w{w}-{n}") }, _coordinator);
                writerSlowest = Math.Max(writerSlowest, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!IsAcknowledged(response, "recordReach"))
                {
                    errors.Add($"{response.Status}: {response.Text}");
                }
            }

            slowest.Add(writerSlowest);
        }))).WaitAsync(TimeSpan.FromMinutes(5));
        Figures.ConcurrentSeconds = clock.Elapsed.TotalSeconds;
        Figures.ConcurrentSlowestMs = slowest.DefaultIfEmpty().Max();
        Figures.ConcurrentExpected = Writers * InsertsPerWriter;
        Figures.ConcurrentErrors = errors.Count;
        Figures.ConcurrentLocked = errors.Count(e => e.Contains("locked", StringComparison.OrdinalIgnoreCase) || e.Contains("busy", StringComparison.OrdinalIgnoreCase));
        Figures.ConcurrentErrorSamples.AddRange(errors.Distinct().Take(3));
        await using var db = Open(database);
        Figures.ConcurrentRows = await db.ReachRecords.CountAsync(r => r.Note!.StartsWith("concurrent-"));
        log($"concurrent writers: {Figures.ConcurrentRows} rows in {Figures.ConcurrentSeconds:0.0} s, {errors.Count} errors {string.Join(" | ", Figures.ConcurrentErrorSamples)}");
    }

    /// <summary>
    /// 20 creates whose bodies are still being uploaded when SIGTERM arrives: readiness must turn 503 while they are in
    /// flight, each must still be answered (their bodies finish only after the readiness drain has passed), exit code 0.
    /// </summary>
    private async Task DrainAsync(ApiProcess api, string database)
    {
        using var client = Client(api, connectionsPerServer: DrainRequests + 5);
        using var probe = Client(api);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Enumerable.Range(0, DrainRequests).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var requests = Enumerable.Range(0, DrainRequests).Select(i => Task.Run(async () =>
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { query = RecordReach, variables = new { input = ReachInput($"drain-{i}") } });
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new GatedContent(body, started[i], gate.Task) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _coordinator);
            request.Headers.Accept.ParseAdd("application/graphql-response+json");
            return await ReadAsync(await client.SendAsync(request));
        })).ToList();

        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Figures.DrainInFlight = requests.Count(r => !r.IsCompleted);
        Figures.DrainReadyWasOkBefore = (await probe.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK;

        var clock = Stopwatch.StartNew();
        api.Terminate();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var ready = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Figures.DrainReady503AfterMs = clock.Elapsed.TotalMilliseconds;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                break; // no longer listening: readiness never said 503
            }

            await Task.Delay(20);
        }

        // Past the readiness drain (2 s by default): the server has stopped listening and must still finish these.
        await Task.Delay(2500);
        gate.SetResult();
        var answers = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(60));
        Figures.DrainAnswered = answers.Count(a => IsAcknowledged(a, "recordReach"));
        Figures.DrainExitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(60));
        await using var db = Open(database);
        Figures.DrainRowsStored = await db.ReachRecords.CountAsync(r => r.Note!.StartsWith("drain-"));
        log($"drain: {Figures.DrainAnswered}/{Figures.DrainInFlight} answered, ready 503 after {Figures.DrainReady503AfterMs:0} ms, exit {Figures.DrainExitCode}; failures: {string.Join(" | ", answers.Where(a => !IsAcknowledged(a, "recordReach")).Select(a => $"{a.Status} {a.Text}").Take(2))}");
    }

    /// <summary>One anonymous caller floods a fresh process with the default budgets while a signed-in caller keeps asking.</summary>
    private async Task FloodAsync(string database)
    {
        await using var api = await ApiProcess.StartAsync(database);
        using var client = Client(api);
        var statuses = new ConcurrentBag<(int Status, bool WellFormed)>();
        var next = -1;
        var flood = Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < FloodRequests)
            {
                var r = await PostAsync(client, "{ __typename }", null, token: null);
                var wellFormed = r.Status == 429 && r.RetryAfter > 0 && r.Body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() == ErrorCodes.RateLimited;
                statuses.Add((r.Status, wellFormed));
            }
        })));
        var bystander = Task.Run(async () =>
        {
            var ok = 0;
            for (var i = 0; i < BystanderRequests; i++)
            {
                var r = await PostAsync(client, "{ viewer { role } }", null, _official);
                ok += r.Status == 200 && r.Body?["errors"] is null ? 1 : 0;
                await Task.Delay(10);
            }

            return ok;
        });
        await flood.WaitAsync(TimeSpan.FromSeconds(120));
        Figures.BystanderOk = await bystander.WaitAsync(TimeSpan.FromSeconds(120));
        Figures.BystanderSent = BystanderRequests;
        Figures.FloodSent = statuses.Count;
        Figures.FloodOk = statuses.Count(s => s.Status == 200);
        Figures.FloodLimited = statuses.Count(s => s.Status == 429);
        Figures.FloodLimitedWellFormed = statuses.Count(s => s.WellFormed);
        Figures.FloodOther = statuses.Count(s => s.Status is not 200 and not 429);
        api.Terminate();
        Figures.FloodExitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private object ReachInput(string note) => new { activity = _activity, startsOn = "2025-05-01", endsOn = "2025-05-31", count = 12, countingMethod = "HEADCOUNT", note };

    private static SqliteInfrastructuurDb Open(string database) =>
        new(new DbContextOptionsBuilder<SqliteInfrastructuurDb>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = database }.ToString()).Options);

    private static async Task<string> IntegrityCheckAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static HttpClient Client(ApiProcess api, int connectionsPerServer = 16) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connectionsPerServer, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = api.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private static async Task<LiveResponse> PostAsync(HttpClient client, string query, object? variables, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            return await ReadAsync(await client.SendAsync(request));
        }
        catch (TaskCanceledException ex)
        {
            throw new HttpRequestException("no answer in time", ex);
        }
    }

    private static async Task<LiveResponse> ReadAsync(HttpResponseMessage response)
    {
        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // not JSON: Text says what it was
        }

        var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0;
        return new LiveResponse((int)response.StatusCode, text, body, retryAfter);
    }

    /// <summary>Acknowledged = 200, no errors, the mutation's payload without user errors: the client may forget it.</summary>
    private static bool IsAcknowledged(LiveResponse response, string mutation) =>
        response.Status == 200 && response.Body?["errors"] is null && response.Body?["data"]?[mutation]?["userErrors"] is JsonArray { Count: 0 };

    private sealed record LiveResponse(int Status, string Text, JsonNode? Body, double RetryAfter);

    /// <summary>A JSON body sent in two halves: the second only when the gate opens, so the request stays in flight.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _started;
        private readonly Task _gate;

        public GatedContent(byte[] body, TaskCompletionSource started, Task gate)
        {
            (_body, _started, _gate) = (body, started, gate);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var half = _body.Length / 2;
            await stream.WriteAsync(_body.AsMemory(0, half));
            await stream.FlushAsync();
            _started.TrySetResult();
            await _gate;
            await stream.WriteAsync(_body.AsMemory(half));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
