using System.Globalization;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>What the caller may do with an object: act on it, only see it (FORBIDDEN), or nothing (NOT_FOUND, as if it did not exist).</summary>
public enum Permission
{
    None,
    See,
    Act,
}

/// <summary>
/// One execution of a mutation: the input, the caller, one DbContext (saved once, by the runner, so a mutation is all
/// or nothing) and the helpers every handler shares: loading by global ID within scope, the version check and input
/// checks that turn into user errors. A handler returns as soon as <see cref="Failed"/> is true; then nothing is saved.
/// </summary>
public sealed class MutationRun<TInput>(TInput input, Viewer viewer, InfrastructuurDb db, CultureInfo culture, Payload payload, CancellationToken cancellationToken)
    where TInput : MutationInput
{
    public TInput Input => input;

    public Viewer Viewer => viewer;

    public InfrastructuurDb Db => db;

    public CultureInfo Culture => culture;

    public CancellationToken Ct => cancellationToken;

    public bool Failed => payload.UserErrors.Count > 0;

    /// <summary>Whether the run updates a record at a version it read; a constraint violation at the save then means a concurrent change.</summary>
    public bool Versioned { get; private set; }

    /// <summary>Adds a user error about input field <paramref name="field"/> (null: the input as a whole).</summary>
    public void Fail(UserErrorCode code, string? field, params object[] args) =>
        payload.UserErrors.Add(new UserError(field is null ? null : ["input", field], Messages.For(code, culture, args), code));

    /// <summary>Whether the client sent this input field (possibly as null): an update changes only what was sent.</summary>
    public bool Given(string field) => input.Given.Contains(field);

    /// <summary>Refuses unless the caller may act: NOT_FOUND when they may not even know of it, FORBIDDEN when they may see it.</summary>
    public bool Allow(Permission permission, string field)
    {
        if (permission == Permission.Act)
        {
            return true;
        }

        Fail(permission == Permission.See ? UserErrorCode.Forbidden : UserErrorCode.NotFound, field);
        return false;
    }

    /// <summary>A global ID of one type; an INVALID user error (and null) when it is not one.</summary>
    public Guid? Id(string? value, string type, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (GlobalId.TryDecode(value, out var actual, out var id) && actual == type)
        {
            return id;
        }

        Fail(UserErrorCode.Invalid, field);
        return null;
    }

    /// <summary>A global ID of one of several types (a provider, a recipient, a party); INVALID when it is none of them.</summary>
    public (string Type, Guid Id)? AnyId(string? value, string field, params string[] types)
    {
        if (value is not null && GlobalId.TryDecode(value, out var type, out var id) && types.Contains(type))
        {
            return (type, id);
        }

        Fail(value is null ? UserErrorCode.Required : UserErrorCode.Invalid, field);
        return null;
    }

    /// <summary>
    /// The rows of <typeparamref name="T"/> the caller may see, tracked: every lookup of a mutation starts here, so a row
    /// hidden from reads (a draft, an application) is NOT_FOUND before any other check, exactly like a made-up ID.
    /// </summary>
    public IQueryable<T> Visible<T>()
        where T : class => db.Set<T>().VisibleTo(viewer);

    /// <summary>The tracked object with this global ID; NOT_FOUND (and null) when there is none or the caller may not see it.</summary>
    public async Task<T?> FindAsync<T>(string? id, string field, Func<IQueryable<T>, IQueryable<T>>? shape = null)
        where T : Entity =>
        Id(id, typeof(T).Name, field) is { } key ? await FindAsync(key, field, shape) : null;

    /// <summary>The tracked object with this key; NOT_FOUND (and null) when there is none or the caller may not see it.</summary>
    public async Task<T?> FindAsync<T>(Guid key, string field, Func<IQueryable<T>, IQueryable<T>>? shape = null)
        where T : Entity
    {
        var found = await (shape?.Invoke(Visible<T>()) ?? Visible<T>()).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == key, cancellationToken);
        if (found is null)
        {
            Fail(UserErrorCode.NotFound, field);
        }

        return found;
    }

    /// <summary>The object with this global ID once the caller may act on it (see <see cref="Allow"/>); null otherwise.</summary>
    public async Task<T?> ActOnAsync<T>(string? id, string field, Func<Viewer, T, Permission> access, Func<IQueryable<T>, IQueryable<T>>? shape = null)
        where T : Entity =>
        Id(id, typeof(T).Name, field) is { } key ? await ActOnAsync(key, field, access, shape) : null;

    /// <summary>The object with this key once the caller may act on it (see <see cref="Allow"/>); null otherwise.</summary>
    public async Task<T?> ActOnAsync<T>(Guid key, string field, Func<Viewer, T, Permission> access, Func<IQueryable<T>, IQueryable<T>>? shape = null)
        where T : Entity =>
        await FindAsync(key, field, shape) is { } found && Allow(access(viewer, found), field) ? found : null;

    /// <summary>The tracked objects with these global IDs (duplicates ignored); NOT_FOUND when any is missing or hidden from the caller.</summary>
    public async Task<List<T>> FindAllAsync<T>(IReadOnlyCollection<string>? ids, string field)
        where T : Entity
    {
        if (ids is null || ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > NodeQueries.MaxIds)
        {
            Fail(UserErrorCode.OutOfRange, field, $"≤ {NodeQueries.MaxIds}");
            return [];
        }

        var keys = ids.Select(id => Id(id, typeof(T).Name, field)).ToList();
        if (keys.Any(k => k is null))
        {
            return [];
        }

        var wanted = keys.Select(k => k!.Value).Distinct().ToList();
        var found = await Visible<T>().Where(e => wanted.Contains(e.Id)).ToListAsync(cancellationToken);
        if (found.Count != wanted.Count)
        {
            Fail(UserErrorCode.NotFound, field);
        }

        return found;
    }

    /// <summary>
    /// The version check of an update. The stored version must still be <paramref name="expected"/> when the UPDATE
    /// runs: the runner's save issues UPDATE … WHERE Id = @id AND Version = @expected (Version is a concurrency token)
    /// and turns zero rows into CONFLICT. Marking the object modified makes its version move on even when only its
    /// links (themes, regions) change, so two such updates also conflict.
    /// </summary>
    public bool Expect(Entity entity, int expected)
    {
        if (entity.Version != expected)
        {
            Fail(UserErrorCode.Conflict, "expectedVersion");
            return false;
        }

        var version = db.Entry(entity).Property(e => e.Version);
        version.OriginalValue = expected;
        version.IsModified = true;
        Versioned = true;
        return true;
    }

    /// <summary>
    /// The object an update or status step is about (input field "id"), checked in this order: it exists and the caller
    /// may know of it (else NOT_FOUND), may act on it (else FORBIDDEN), and the version is the one the client read (else
    /// CONFLICT). Null when any check failed.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(string id, int expectedVersion, Func<Viewer, T, Permission> access, Func<IQueryable<T>, IQueryable<T>>? shape = null)
        where T : Entity =>
        await ActOnAsync(id, "id", access, shape) is { } found && Expect(found, expectedVersion) ? found : null;

    /// <summary>
    /// A status step of the object a <see cref="VersionedInput"/> names: allowed for <paramref name="access"/>, from the
    /// statuses in <paramref name="from"/>; <paramref name="step"/> applies it. Null when refused.
    /// </summary>
    public async Task<T?> StepAsync<T, TStatus>(Func<Viewer, T, Permission> access, Func<T, TStatus> status, TStatus[] from, Action<T> step)
        where T : Entity
        where TStatus : struct, Enum
    {
        var target = input as VersionedInput ?? throw new InvalidOperationException($"{typeof(TInput).Name} is not a {nameof(VersionedInput)}.");
        var found = await UpdateAsync(target.Id, target.ExpectedVersion, access);
        if (found is null || !Step(status(found), from))
        {
            return null;
        }

        step(found);
        return found;
    }

    /// <summary>A status step: allowed only from <paramref name="from"/>; INVALID_TRANSITION otherwise.</summary>
    public bool Step<TStatus>(TStatus current, params TStatus[] from)
        where TStatus : struct, Enum
    {
        if (from.Contains(current))
        {
            return true;
        }

        Fail(UserErrorCode.InvalidTransition, null, current.ToString().ToConstantCase());
        return false;
    }

    /// <summary>A trimmed text: REQUIRED when required and empty, TOO_LONG beyond <paramref name="max"/>; empty optional text becomes null.</summary>
    public string? Text(string? value, string field, int max, bool required = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null && required)
        {
            Fail(UserErrorCode.Required, field);
        }
        else if (text?.Length > max)
        {
            Fail(UserErrorCode.TooLong, field, max);
        }

        return text;
    }

    /// <summary>The day something was checked (verifiedOn): today when left out; null when in the future.</summary>
    public DateOnly? Verified(DateOnly? day) => NotInFuture(day ?? MutationRun.Today, "verifiedOn") ? day ?? MutationRun.Today : null;

    /// <summary>Refuses a day after today (OUT_OF_RANGE): things observed or checked cannot lie ahead.</summary>
    public bool NotInFuture(DateOnly day, string field)
    {
        var today = MutationRun.Today;
        if (day <= today)
        {
            return true;
        }

        Fail(UserErrorCode.OutOfRange, field, $"≤ {today.ToString("d", culture)}");
        return false;
    }

    /// <summary>Checks that <paramref name="to"/> is not before <paramref name="from"/> (either may be open).</summary>
    public void Dates(DateOnly? from, DateOnly? to, string field)
    {
        if (from is { } f && to is { } t && t < f)
        {
            Fail(UserErrorCode.DateOrder, field);
        }
    }

    /// <summary>Checks a number against a lower bound (and an optional upper bound).</summary>
    public void Range(decimal? value, decimal min, string field, decimal? max = null)
    {
        if (value < min || value > max)
        {
            Fail(UserErrorCode.OutOfRange, field, max is null ? $"≥ {min.ToString(culture)}" : $"{min.ToString(culture)} – {max.Value.ToString(culture)}");
        }
    }

    /// <summary>An amount of euros as cents, at least <paramref name="min"/> euros.</summary>
    public long? Cents(decimal? euros, string field, decimal min = 0)
    {
        Range(euros, min, field);
        return euros is { } value ? MoneyGraphType.ToCents(value) : null;
    }

    /// <summary>
    /// Regions by global ID and the one municipality they lie in. The municipality of a record is always derived here,
    /// never taken from input; regions in several municipalities are MIXED_MUNICIPALITIES.
    /// </summary>
    public async Task<(List<Neighbourhood> Regions, Guid? Municipality)> RegionsAsync(IReadOnlyCollection<string>? ids, string field, bool required)
    {
        if (required && (ids is null || ids.Count == 0))
        {
            Fail(UserErrorCode.Required, field);
            return ([], null);
        }

        var regions = await FindAllAsync<Neighbourhood>(ids, field);
        var municipalities = regions.Select(r => r.MunicipalityId).Distinct().ToList();
        if (municipalities.Count > 1)
        {
            Fail(UserErrorCode.MixedMunicipalities, field);
        }

        return (regions, municipalities.Count == 1 ? municipalities[0] : null);
    }

    /// <summary>Regions for a record that already belongs to <paramref name="municipality"/>: any other municipality is OUTSIDE_SCOPE.</summary>
    public async Task<List<Neighbourhood>> RegionsWithinAsync(IReadOnlyCollection<string>? ids, Guid municipality, string field, bool required)
    {
        var (regions, found) = await RegionsAsync(ids, field, required);
        if (!Failed && regions.Count > 0 && found != municipality)
        {
            Fail(UserErrorCode.OutsideScope, field);
        }

        return regions;
    }
}

public static class MutationRun
{
    /// <summary>Today in UTC: the default day of records that happen "now".</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}

public static class Links
{
    /// <summary>Makes a loaded many-to-many list hold exactly <paramref name="wanted"/>, keeping the links that stay.</summary>
    public static void ReplaceWith<T>(this List<T> current, IReadOnlyCollection<T> wanted)
        where T : Entity
    {
        current.RemoveAll(c => wanted.All(w => w.Id != c.Id));
        current.AddRange(wanted.Where(w => current.All(c => c.Id != w.Id)));
    }
}
