using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>
/// A mutation run under an Idempotency-Key: who, which key, which mutation with which input (a hash), what it produced
/// (references to the objects, written in the same transaction as they were) and the response JSON the caller got.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The token subject, or "ip:" and the client address for anonymous callers.</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    public required string Mutation { get; set; }

    /// <summary>SHA-256 of the canonical input (its JSON plus the names of the fields sent).</summary>
    public required string InputHash { get; set; }

    /// <summary>The payload's objects as {property: [type, id]}: enough to answer again should <see cref="Response"/> be missing.</summary>
    public required string Result { get; set; }

    /// <summary>The JSON of the mutation field as first returned; replays return exactly this.</summary>
    public string? Response { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.Caller).HasMaxLength(260);
        builder.Property(r => r.Key).HasMaxLength(Idempotency.MaxKeyLength);
        builder.Property(r => r.Mutation).HasMaxLength(100);
        builder.Property(r => r.InputHash).HasMaxLength(64);

        // Two concurrent first requests with one key: the second insert fails here, and the loser answers with the winner's response.
        builder.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}

/// <summary>The Idempotency-Key of one mutation call; null when the request carries none.</summary>
public sealed class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    private static readonly JsonSerializerOptions HashOptions = new() { WriteIndented = false };
    private static readonly TimeSpan WaitForWinner = TimeSpan.FromSeconds(3);

    private readonly string _caller;
    private readonly string _key;
    private readonly string _mutation;
    private readonly string _hash;
    private IdempotencyRecord? _staged;

    private Idempotency(string caller, string key, string mutation, string hash) =>
        (_caller, _key, _mutation, _hash) = (caller, key, mutation, hash);

    /// <summary>Where the execution strategy finds what to do with a root field's response (see <see cref="MutationExecutionStrategy"/>).</summary>
    public static string OutcomeKey(string responseKey) => $"idempotency:{responseKey}";

    public static Idempotency? From(IResolveFieldContext context, Viewer viewer, string mutation, MutationInput input)
    {
        var http = context.RequestServices?.GetService<IHttpContextAccessor>()?.HttpContext;
        var values = http?.Request.Headers[Header] ?? default;
        if (values.Count == 0)
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw ApiException.BadRequest($"{Header} must be one value of 1 to {MaxKeyLength} visible ASCII characters (a UUID is a good choice).");
        }

        var caller = viewer.Subject is { } subject ? $"sub:{subject}" : $"ip:{http!.Connection.RemoteIpAddress}";
        return new Idempotency(caller, key, mutation, Hash(input));
    }

    /// <summary>
    /// The answer to a repeated key: the stored response (or, while the first call is still finishing, the same objects
    /// read again), or IDEMPOTENCY_KEY_REUSED when the key came with another mutation or input; null for a new key.
    /// </summary>
    public async Task<TPayload?> ReplayAsync<TPayload>(InfrastructuurDb db, RequestContext request, string responseKey, CancellationToken ct)
        where TPayload : Payload, new()
    {
        var record = await FindAsync(db, ct);
        if (record is null)
        {
            return null;
        }

        if (record.Mutation != _mutation || record.InputHash != _hash)
        {
            throw new ApiException(ErrorCodes.IdempotencyKeyReused, $"This {Header} was already used for a different mutation or input. Use a new key for a new request.");
        }

        // The winner of a race writes its response right after its commit; give it a moment.
        var deadline = DateTime.UtcNow + WaitForWinner;
        while (record.Response is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
            record = await FindAsync(db, ct) ?? record;
        }

        request[OutcomeKey(responseKey)] = new IdempotencyOutcome(record.Id, record.Response);
        return record.Response is null ? await RebuildAsync<TPayload>(db, record.Result, ct) : new TPayload();
    }

    /// <summary>Adds the record to the mutation's unit of work, so it commits (or not) with the objects it describes.</summary>
    public void Stage(InfrastructuurDb db, Payload payload)
    {
        _staged = new IdempotencyRecord { Caller = _caller, Key = _key, Mutation = _mutation, InputHash = _hash, Result = References(payload) };
        db.Add(_staged);
    }

    /// <summary>After the commit: the execution strategy stores the response once the whole field has been resolved.</summary>
    public void Committed(RequestContext request, string responseKey) =>
        request[OutcomeKey(responseKey)] = new IdempotencyOutcome(_staged!.Id, null);

    private Task<IdempotencyRecord?> FindAsync(InfrastructuurDb db, CancellationToken ct) =>
        db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == _caller && r.Key == _key, ct);

    private static string Hash(MutationInput input)
    {
        var json = JsonSerializer.Serialize(input, input.GetType(), HashOptions) + "|" + string.Join(',', input.Given.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private static string References(Payload payload)
    {
        var refs = new Dictionary<string, List<string[]>>();
        foreach (var property in payload.GetType().GetProperties())
        {
            var value = property.GetValue(payload);
            var entities = value switch
            {
                Entity one => [one],
                IEnumerable many and not string => many.OfType<Entity>().ToList(),
                _ => [],
            };
            if (entities.Count > 0 || typeof(Entity).IsAssignableFrom(property.PropertyType))
            {
                refs[property.Name] = [.. entities.Select(e => new[] { e.GetType().Name, e.Id.ToString("N") })];
            }
        }

        return JsonSerializer.Serialize(refs);
    }

    private static async Task<TPayload> RebuildAsync<TPayload>(InfrastructuurDb db, string result, CancellationToken ct)
        where TPayload : Payload, new()
    {
        var payload = new TPayload();
        var refs = JsonSerializer.Deserialize<Dictionary<string, List<string[]>>>(result) ?? [];
        foreach (var (name, items) in refs)
        {
            var property = typeof(TPayload).GetProperty(name);
            if (property is null)
            {
                continue;
            }

            var found = new List<object>();
            foreach (var item in items)
            {
                var type = db.Model.GetEntityTypes().First(t => t.ClrType.Name == item[0]).ClrType;
                if (await db.FindAsync(type, [Guid.ParseExact(item[1], "N")], ct) is { } entity)
                {
                    found.Add(entity);
                }
            }

            if (typeof(Entity).IsAssignableFrom(property.PropertyType))
            {
                property.SetValue(payload, found.FirstOrDefault());
            }
            else if (property.GetValue(payload) is IList list)
            {
                found.ForEach(f => list.Add(f));
            }
        }

        return payload;
    }
}

/// <summary>What the strategy does with a root field: store its response (<see cref="Stored"/> null) or return the stored one.</summary>
public sealed record IdempotencyOutcome(Guid RecordId, string? Stored);

/// <summary>
/// The serial mutation strategy plus one step at the end: for root fields run under an Idempotency-Key it returns the
/// stored response JSON of a replay, or stores the fresh response for later replays. Every root field of such a request
/// is then written from its JSON text, so a first answer and its replays are byte for byte the same.
/// </summary>
public sealed class MutationExecutionStrategy(IGraphQLTextSerializer serializer) : SerialExecutionStrategy
{
    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        var result = await base.ExecuteAsync(context);
        if (context.UserContext is not RequestContext request || result.Data is not RootExecutionNode { SubFields: { } fields })
        {
            return result;
        }

        var outcomes = fields.Select(f => request.TryGetValue(Idempotency.OutcomeKey(f.Name!), out var o) ? o as IdempotencyOutcome : null).ToList();
        if (outcomes.All(o => o is null))
        {
            return result;
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        await using var db = await request.DbFactory.CreateDbContextAsync(context.CancellationToken);
        for (var i = 0; i < fields.Length; i++)
        {
            var json = outcomes[i]?.Stored ?? Serialize(fields[i]);
            using var document = JsonDocument.Parse(json);
            data[fields[i].Name!] = document.RootElement.Clone();
            if (outcomes[i] is { Stored: null } fresh)
            {
                await db.Set<IdempotencyRecord>()
                    .Where(r => r.Id == fresh.RecordId && r.Response == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Response, json), context.CancellationToken);
            }
        }

        result.Data = data;
        return result;
    }

    // The field's value exactly as the response writer would write it.
    private string Serialize(ExecutionNode field)
    {
        using var document = JsonDocument.Parse(serializer.Serialize(new ExecutionResult { Executed = true, Data = field }));
        return document.RootElement.GetProperty("data").GetRawText();
    }
}
