using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.DataLoader;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>
/// A mutation run under an Idempotency-Key: who (a keyed hash, never the subject or address itself), which key, which
/// mutation with which input (a hash) and what it produced (references to the objects, written in the same transaction
/// as they were). No response is kept: a replay reads the objects again for whoever asks then. Kept for
/// <see cref="IdempotencyOptions.IdempotencyHours"/>, then deleted by <see cref="IdempotencyPurge"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The caller as <see cref="IdempotencySettings.CallerOf"/> hashes it (token subject, else client address).</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    public required string Mutation { get; set; }

    /// <summary>SHA-256 of the canonical input (its JSON plus the names of the fields sent).</summary>
    public required string InputHash { get; set; }

    /// <summary>The payload's objects as {property: [type, id]}: what a replay reads again for the caller.</summary>
    public required string Result { get; set; }

    /// <summary>Never written (it would keep personal data the caller may no longer read); a row that has one predates that and is purged.</summary>
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

        // Two concurrent first requests with one key: the second insert fails here, and the loser answers with the winner's objects.
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

    private readonly IdempotencySettings _settings;
    private readonly string _caller;
    private readonly string _key;
    private readonly string _mutation;
    private readonly string _hash;

    private Idempotency(IdempotencySettings settings, string caller, string key, string mutation, string hash) =>
        (_settings, _caller, _key, _mutation, _hash) = (settings, caller, key, mutation, hash);

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

        var settings = context.RequestServices!.GetRequiredService<IdempotencySettings>();
        var caller = settings.CallerOf(viewer.Subject is { } subject ? $"sub:{subject}" : $"ip:{http!.Connection.RemoteIpAddress}");
        return new Idempotency(settings, caller, key, mutation, Hash(input));
    }

    /// <summary>
    /// The answer to a repeated key: the objects the first call produced, read again as the caller may see them now (a
    /// hidden object is null, with NOT_FOUND; personal data goes through its field policy and the access log, as on any
    /// read), or IDEMPOTENCY_KEY_REUSED when the key came with another mutation or input; null for a new or expired key.
    /// </summary>
    public async Task<TPayload?> ReplayAsync<TPayload>(IResolveFieldContext context, InfrastructuurDb db, CancellationToken ct)
        where TPayload : Payload, new()
    {
        var record = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Caller == _caller && r.Key == _key, ct);
        if (record is null)
        {
            return null;
        }

        if (record.CreatedAt < _settings.ExpiredBefore)
        {
            // An expired key is a new one: make room for its new record (the unique index holds one per caller and key).
            await db.Set<IdempotencyRecord>().Where(r => r.Id == record.Id).ExecuteDeleteAsync(ct);
            return null;
        }

        if (record.Mutation != _mutation || record.InputHash != _hash)
        {
            throw new ApiException(ErrorCodes.IdempotencyKeyReused, $"This {Header} was already used for a different mutation or input. Use a new key for a new request.");
        }

        // The first call may have committed after this request loaded the caller's scopes, and changed them (a new
        // initiative's creator coordinates it): read the objects with the scopes that hold now.
        context.Request().ScopesChanged();
        var (payload, missing) = await RebuildAsync<TPayload>(context, db, record.Result, ct);
        if (missing)
        {
            context.Errors.Add(new ApiException(ErrorCodes.NotFound, "An object this mutation returned is no longer visible to you.") { Path = context.Path });
        }

        return payload;
    }

    /// <summary>Adds the record to the mutation's unit of work, so it commits (or not) with the objects it describes.</summary>
    public void Stage(InfrastructuurDb db, Payload payload) =>
        db.Add(new IdempotencyRecord { Caller = _caller, Key = _key, Mutation = _mutation, InputHash = _hash, Result = References(db, payload) });

    private const string Created = "created";

    private static async Task<object?> CreatedAsync(InfrastructuurDb db, string typeName, Guid id, CancellationToken ct)
    {
        var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == typeName)?.ClrType;
        return type is null ? null : await db.FindAsync(type, [id], ct);
    }

    private static string Hash(MutationInput input)
    {
        var json = JsonSerializer.Serialize(input, input.GetType(), HashOptions) + "|" + string.Join(',', input.Given.Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    // Each object as [type, id], plus "created" when this call created it (see RebuildAsync).
    private static string References(InfrastructuurDb db, Payload payload)
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
                refs[property.Name] = [.. entities.Select(e => db.Entry(e).State == EntityState.Added
                    ? new[] { e.GetType().Name, e.Id.ToString("N"), Created }
                    : [e.GetType().Name, e.Id.ToString("N")])];
            }
        }

        return JsonSerializer.Serialize(refs);
    }

    // Each object through its node resolver, the by-ID loader every read uses: only rows the caller may see come back.
    // One exception keeps a replay equal to the first answer: an object this very call created is shown to the caller
    // who created it (the record's caller hash proves it is them), as the first answer showed it, even where the row
    // rule hides it from them otherwise (a resident's own signal). Its fields keep their own policies.
    private static async Task<(TPayload Payload, bool Missing)> RebuildAsync<TPayload>(IResolveFieldContext context, InfrastructuurDb db, string result, CancellationToken ct)
        where TPayload : Payload, new()
    {
        var resolvers = context.RequestServices!.GetServices<NodeResolver>().ToDictionary(r => r.TypeName, StringComparer.Ordinal);
        var refs = JsonSerializer.Deserialize<Dictionary<string, List<string[]>>>(result) ?? [];
        var pending = refs
            .Select(r => (Property: typeof(TPayload).GetProperty(r.Key), Loads: r.Value.Select(item => item is [var type, var id, Created]
                ? (IDataLoaderResult<object?>?)new Deferred<object?>(ct => CreatedAsync(db, type, Guid.ParseExact(id, "N"), ct))
                : resolvers.GetValueOrDefault(item[0])?.Load(context, Guid.ParseExact(item[1], "N"))).ToList()))
            .Where(r => r.Property is not null)
            .ToList();

        var payload = new TPayload();
        var missing = false;
        foreach (var (property, loads) in pending)
        {
            var found = new List<object>();
            foreach (var load in loads)
            {
                if (load is not null && await load.GetResultAsync(ct) is { } entity)
                {
                    found.Add(entity);
                }
            }

            missing |= found.Count < loads.Count;
            if (typeof(Entity).IsAssignableFrom(property!.PropertyType))
            {
                property.SetValue(payload, found.FirstOrDefault());
            }
            else if (property.GetValue(payload) is IList list)
            {
                found.ForEach(f => list.Add(f));
            }
        }

        return (payload, missing);
    }
}
