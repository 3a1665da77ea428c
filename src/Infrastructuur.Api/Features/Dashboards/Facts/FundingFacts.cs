using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Keeps the funding facts (<see cref="FundingFact"/>) equal to what the funding dashboard would compute from the grants,
/// per municipality and calendar year of the window (ADR 0020), the same way <see cref="OfferingFacts"/> keeps the
/// offering: triggers note the grants a write touched (<see cref="FundingFactTriggers"/>), and <see cref="CatchUpAsync"/>,
/// in the writer's transaction, subtracts each noted grant's last contribution and adds its new one. A grant counts
/// when it is published and awarded (<see cref="DashboardSql.Grants"/>), in every municipality one of its benefiting
/// regions lies in. No support table is needed: every distinct count here is of grants, and one grant's contribution
/// already counts itself once per key.
/// </summary>
public static class FundingFacts
{
    /// <summary>The funding facts' row in the window table (the offering facts have row 1).</summary>
    public const int WindowId = 2;

    private const long LockKey = 0x46756e64;

    private const int ChunkRows = 400;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The GUID an Iv3 task field is keyed by in the facts (a name, not a row, so it is derived from the text).</summary>
    public static Guid Iv3Key(string field) => new(SHA256.HashData(Encoding.UTF8.GetBytes("iv3:" + field)).AsSpan(0, 16));

    /// <summary>Whether this database has the funding fact tables (false while it is migrated to before them).</summary>
    public static Task<bool> ExistHereAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        FactSql.TableExistsAsync(db, "FundingDirtyGrants", cancellationToken);

    /// <summary>The window the funding facts cover now, or null when they are behind.</summary>
    public static Task<OfferingFactWindow?> WindowAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        FactSql.CurrentWindowAsync(db, WindowId, db.Set<FundingDirtyGrant>(), cancellationToken);

    /// <summary>Brings the funding facts up to date within the caller's transaction: the noted grants, or everything when a rebuild is due.</summary>
    public static async Task CatchUpAsync(InfrastructuurDb db, CancellationToken cancellationToken, IProgress<(int Done, int Total)>? progress = null, (int First, int Last)? window = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The funding facts are kept inside the writer's transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        var kept = await db.Set<OfferingFactWindow>().AsNoTracking().Where(w => w.Id == WindowId).SingleOrDefaultAsync(cancellationToken);
        var year = DateTime.UtcNow.Year;
        if (window is not null || kept is null || kept.Stale || year < kept.FirstYear || year > kept.LastYear)
        {
            var chosen = window ?? (kept is not null && year >= kept.FirstYear && year <= kept.LastYear ? (kept.FirstYear, kept.LastYear) : OfferingFacts.WindowAround(year));
            await RebuildAsync(db, chosen, progress, cancellationToken);
            return;
        }

        var noted = await FactSql.TakeNotedAsync(db, "FundingDirtyGrants", "GrantId", cancellationToken);
        if (noted.Count == 0)
        {
            return;
        }

        if (noted.Count > OfferingFacts.RebuildAbove)
        {
            await RebuildAsync(db, (kept.FirstYear, kept.LastYear), progress, cancellationToken);
            return;
        }

        var keys = new FactKeyMap(db);
        var delta = new FundingContributions(kept.FirstYear, kept.LastYear);
        foreach (var state in await db.Set<FundingGrantState>().AsNoTracking().Where(s => noted.Contains(s.GrantId)).ToListAsync(cancellationToken))
        {
            delta.Add(JsonSerializer.Deserialize<GrantContribution>(state.State, Json)!, -1);
        }

        var current = await LoadAsync(db, keys, noted, cancellationToken);
        foreach (var contribution in current.Values)
        {
            delta.Add(contribution, +1);
        }

        await ApplyAsync(db, delta, cancellationToken);
        await FactSql.ReplaceStatesAsync(db, "FundingGrantStates", "GrantId", noted, current.ToDictionary(c => c.Key, c => JsonSerializer.Serialize(c.Value, Json)), cancellationToken);
    }

    private static async Task RebuildAsync(InfrastructuurDb db, (int First, int Last) window, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        foreach (var table in new[] { "FundingFacts", "FundingGrantStates", "FundingDirtyGrants" })
        {
            await FactSql.ReadAsync(db, $"DELETE FROM \"{table}\"", _ => { }, cancellationToken);
        }

        await FactSql.ReadAsync(db, FactSql.Inv($"DELETE FROM \"OfferingFactWindow\" WHERE \"Id\" = {WindowId}"), _ => { }, cancellationToken);
        var keys = new FactKeyMap(db);
        await keys.LoadAllAsync(cancellationToken);
        var all = new FundingContributions(window.First, window.Last);
        var ids = await db.Grants.AsNoTracking().OrderBy(g => g.Id).Select(g => g.Id).ToListAsync(cancellationToken);
        var bulk = new BulkInsert(db);
        progress?.Report((0, ids.Count));
        for (var i = 0; i < ids.Count; i += 2_000)
        {
            var chunk = ids.GetRange(i, Math.Min(2_000, ids.Count - i));
            var current = await LoadAsync(db, keys, chunk, cancellationToken);
            foreach (var contribution in current.Values)
            {
                all.Add(contribution, +1);
            }

            await bulk.EntitiesAsync(current.Select(c => new FundingGrantState { GrantId = c.Key, State = JsonSerializer.Serialize(c.Value, Json) }).ToList(), cancellationToken);
            progress?.Report((i + chunk.Count, ids.Count));
        }

        // In key order, as the offering facts: a municipality's year is then a few heap pages on PostgreSQL.
        await bulk.EntitiesAsync([.. all.Rows().OrderBy(f => f.Municipality).ThenBy(f => f.Dimension).ThenBy(f => f.Year).ThenBy(f => f.Key).ThenBy(f => f.Key2).ThenBy(f => f.Key3)], cancellationToken);
        await bulk.EntitiesAsync([new OfferingFactWindow { Id = WindowId, FirstYear = window.First, LastYear = window.Last }], cancellationToken);
    }

    /// <summary>What each grant contributes now (absent: nothing — not awarded, to a draft initiative, or deleted).</summary>
    private static async Task<Dictionary<Guid, GrantContribution>> LoadAsync(InfrastructuurDb db, FactKeyMap keys, List<Guid> ids, CancellationToken cancellationToken)
    {
        var grants = await DashboardSql.Published<Grant>(db).AsNoTracking().Where(Grant.IsAwarded).Where(g => ids.Contains(g.Id))
            .Select(g => new { g.Id, g.FunderId, g.RecipientInitiativeId, g.RecipientOrganisationId, g.RecipientProgrammeId, g.AmountAwardedCents, g.AwardDate })
            .ToListAsync(cancellationToken);
        if (grants.Count == 0)
        {
            return [];
        }

        var counted = grants.Select(g => g.Id).ToList();
        var allocations = (await db.GrantAllocations.AsNoTracking().Where(a => counted.Contains(a.GrantId))
                .Join(db.BudgetLines, a => a.BudgetLineId, l => l.Id, (a, l) => new { a.GrantId, a.BudgetLineId, l.Iv3TaskField, a.AmountCents })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.GrantId);
        var payments = (await (
                    from d in db.Disbursements.AsNoTracking().Where(d => counted.Contains(d.GrantId))
                    join l in db.BudgetLines on d.BudgetLineId equals l.Id into lines
                    from l in lines.DefaultIfEmpty()
                    select new { d.GrantId, d.PaidOn, d.BudgetLineId, Iv3TaskField = l == null ? null : l.Iv3TaskField, d.AmountCents })
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.GrantId);
        // Themes and benefiting regions (with their municipality) in one round trip.
        var links = await DashboardSql.GrantThemes(db).Where(l => counted.Contains(l.Owner)).Select(l => new { l.Owner, l.Key, Municipality = (Guid?)null })
            .Concat(DashboardSql.GrantRegions(db).Where(l => counted.Contains(l.Owner))
                .Join(db.Neighbourhoods, l => l.Key, n => n.Id, (l, n) => new { l.Owner, l.Key, Municipality = (Guid?)n.MunicipalityId }))
            .ToListAsync(cancellationToken);
        var themes = links.Where(l => l.Municipality is null).ToLookup(l => l.Owner, l => l.Key);
        var regions = links.Where(l => l.Municipality is not null).Select(l => new { l.Owner, l.Key, MunicipalityId = l.Municipality!.Value }).ToLookup(r => r.Owner);
        var programmeIds = grants.Select(g => g.RecipientProgrammeId).OfType<Guid>().Distinct().ToList();
        var programmes = await db.Programmes.AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MunicipalityId, cancellationToken);
        var parents = await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.ParentId, cancellationToken);

        // The working areas each benefiting region lies in (only those regions: this runs in every writer's transaction): an
        // area's rows count the grants benefiting one of its regions.
        List<Guid> benefiting = [.. regions.SelectMany(r => r).Select(r => r.Key).Distinct()];
        var areasOf = (await DashboardSql.RegionAreas(db).Where(l => benefiting.Contains(l.Owner)).ToListAsync(cancellationToken)).ToLookup(l => l.Owner, l => l.Key);

        IEnumerable<Guid> Iv3(string? field) => field is null ? [] : [Iv3Key(field)];
        await keys.EnsureAsync(
            grants.SelectMany(g => new[] { g.FunderId }.Concat(g.RecipientProgrammeId is { } p ? [p, programmes[p]] : []))
                .Concat(allocations.SelectMany(a => a).SelectMany(a => Iv3(a.Iv3TaskField).Append(a.BudgetLineId)))
                .Concat(payments.SelectMany(d => d).SelectMany(d => Iv3(d.Iv3TaskField).Concat(d.BudgetLineId is { } l ? [l] : [])))
                .Concat(themes.SelectMany(t => t)).Concat(parents.Keys)
                .Concat(regions.SelectMany(r => r).SelectMany(r => new[] { r.Key, r.MunicipalityId }.Concat(areasOf[r.Key]))),
            cancellationToken);

        // A theme counts for itself and the themes above it (three levels, as DashboardSql.Broader).
        IEnumerable<Guid> Broader(Guid theme)
        {
            var depth = 0;
            for (Guid? t = theme; t is { } id && depth < 3; t = parents.GetValueOrDefault(id), depth++)
            {
                yield return id;
            }
        }

        int Iv3Of(string? field) => field is null ? 0 : keys[Iv3Key(field)];
        var result = new Dictionary<Guid, GrantContribution>();
        foreach (var g in grants)
        {
            var places = regions[g.Id].Select(r => new GrantRegion(keys[r.MunicipalityId], keys[r.Key])).Distinct().OrderBy(r => r.Municipality).ThenBy(r => r.Region).ToArray();
            var areas = regions[g.Id].SelectMany(r => areasOf[r.Key]).Distinct().Select(x => keys[x]).Order().ToArray();
            result[g.Id] = new GrantContribution(
                keys[g.FunderId],
                g.RecipientInitiativeId is not null ? (int)RecipientKind.Initiative : g.RecipientOrganisationId is not null ? (int)RecipientKind.Organisation : (int)RecipientKind.Programme,
                g.AmountAwardedCents ?? 0,
                g.AwardDate?.Year,
                [.. allocations[g.Id].Select(a => new AllocationPart(keys[a.BudgetLineId], Iv3Of(a.Iv3TaskField), a.AmountCents)).OrderBy(a => a.Line).ThenBy(a => a.Cents)],
                [.. payments[g.Id].Select(d => new PaymentPart(d.PaidOn.Year, d.BudgetLineId is { } l ? keys[l] : 0, Iv3Of(d.Iv3TaskField), d.AmountCents)).OrderBy(d => d.Year).ThenBy(d => d.Line).ThenBy(d => d.Cents)],
                [.. themes[g.Id].SelectMany(Broader).Distinct().Select(t => keys[t]).Order()],
                places,
                g.RecipientProgrammeId is { } programme ? keys[programme] : 0,
                g.RecipientProgrammeId is { } owner ? keys[programmes[owner]] : 0,
                areas);
        }

        return result;
    }

    /// <summary>Adds a change to the kept rows, and removes the rows nothing falls in any more.</summary>
    private static async Task ApplyAsync(InfrastructuurDb db, FundingContributions delta, CancellationToken cancellationToken)
    {
        var empty = new List<FundingKey>();
        foreach (var chunk in delta.Sums.Where(s => !s.Value.IsZero).Chunk(ChunkRows))
        {
            var sql = new StringBuilder("""INSERT INTO "FundingFacts" ("Municipality", "Dimension", "Year", "Key", "Key2", "Key3", "Awarded", "Disbursed", "Grants", "Entries") VALUES """);
            sql.AppendJoin(", ", chunk.Select(s => FactSql.Inv($"({s.Key.Municipality}, {s.Key.Dimension}, {s.Key.Year}, {s.Key.Key}, {s.Key.Key2}, {s.Key.Key3}, {s.Value.Awarded}, {s.Value.Disbursed}, {s.Value.Grants}, {s.Value.Entries})")));
            sql.Append(""" ON CONFLICT ("Municipality", "Dimension", "Year", "Key", "Key2", "Key3") DO UPDATE SET """);
            sql.AppendJoin(", ", new[] { "Awarded", "Disbursed", "Grants", "Entries" }.Select(c => $"\"{c}\" = \"FundingFacts\".\"{c}\" + excluded.\"{c}\""));
            sql.Append(""" RETURNING "Municipality", "Dimension", "Year", "Key", "Key2", "Key3", "Awarded", "Disbursed", "Grants", "Entries" """);
            await FactSql.ReadAsync(db, sql.ToString(), r =>
            {
                if (Enumerable.Range(6, 4).All(i => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) == 0))
                {
                    empty.Add(new FundingKey(FactSql.Int(r, 0), FactSql.Int(r, 1), FactSql.Int(r, 2), FactSql.Int(r, 3), FactSql.Int(r, 4), FactSql.Int(r, 5)));
                }
            }, cancellationToken);
        }

        foreach (var chunk in empty.Chunk(ChunkRows))
        {
            await FactSql.ReadAsync(
                db,
                """DELETE FROM "FundingFacts" WHERE ("Municipality", "Dimension", "Year", "Key", "Key2", "Key3") IN (VALUES """
                + string.Join(", ", chunk.Select(k => FactSql.Inv($"({k.Municipality}, {k.Dimension}, {k.Year}, {k.Key}, {k.Key2}, {k.Key3})"))) + ")",
                _ => { },
                cancellationToken);
        }
    }
}

/// <summary>One grant's contribution, in integer keys (0: none).</summary>
/// <remarks>Areas: the working areas its benefiting regions lie in (null in states kept before areas had funding facts).</remarks>
public sealed record GrantContribution(
    int Funder, int Kind, long Awarded, int? AwardYear, AllocationPart[] Allocations, PaymentPart[] Payments, int[] Themes, GrantRegion[] Regions,
    int Programme, int ProgrammeMunicipality, int[]? Areas = null);

public sealed record AllocationPart(int Line, int Iv3, long Cents);

public sealed record PaymentPart(int Year, int Line, int Iv3, long Cents);

public readonly record struct GrantRegion(int Municipality, int Region);

public readonly record struct FundingKey(int Municipality, int Dimension, int Year, int Key, int Key2, int Key3);

public readonly record struct FundingMeasures(long Awarded, long Disbursed, int Grants, int Entries)
{
    public bool IsZero => Awarded == 0 && Disbursed == 0 && Grants == 0 && Entries == 0;
}

/// <summary>
/// Sums of grant contributions over the window's years. The one place where the funding dashboard's rules for a whole
/// municipality and a calendar year are expanded into rows (<see cref="FundingFlows"/> computes the same from the records):
/// awards by award year (totals, allocations, funder, Iv3 column per allocation, recipient kind, rolled-up theme, region),
/// payments by the year paid (the same keys, the column of the line paid from), and a programme's sources in every year.
/// </summary>
public sealed class FundingContributions(int firstYear, int lastYear)
{
    public Dictionary<FundingKey, FundingMeasures> Sums { get; } = [];

    public void Add(GrantContribution g, int sign)
    {
        void Put(int municipality, FundingDimension dimension, int year, int key, long awarded, long paid, int grants, int entries, int key2 = 0, int key3 = 0)
        {
            var k = new FundingKey(municipality, (int)dimension, year, key, key2, key3);
            var now = Sums.GetValueOrDefault(k);
            Sums[k] = new FundingMeasures(now.Awarded + (sign * awarded), now.Disbursed + (sign * paid), now.Grants + (sign * grants), now.Entries + (sign * entries));
        }

        bool InWindow(int year) => year >= firstYear && year <= lastYear;

        // Each municipality a benefiting region lies in, and each working area: an area's rows have no regions of their own
        // (its region rows are the municipality's, narrowed to the area's regions when read).
        var scopes = g.Regions.Select(r => r.Municipality).Distinct().Select(m => (Scope: m, Regions: g.Regions.Where(r => r.Municipality == m).Select(r => r.Region).ToList()))
            .Concat((g.Areas ?? []).Select(a => (Scope: a, Regions: new List<int>())));
        foreach (var (municipality, regions) in scopes)
        {
            if (g.AwardYear is { } year && InWindow(year))
            {
                var amount = g.Awarded;
                Put(municipality, FundingDimension.Total, year, 0, amount, 0, 1, 1);
                if (g.Allocations.Length >= 2)
                {
                    Put(municipality, FundingDimension.MultiLine, year, 0, amount, 0, 1, 1);
                }

                if (g.Allocations.Length > 0)
                {
                    Put(municipality, FundingDimension.Allocated, year, 0, g.Allocations.Sum(a => a.Cents), 0, 0, g.Allocations.Length);
                }

                foreach (var column in g.Allocations.GroupBy(a => a.Iv3))
                {
                    Put(municipality, FundingDimension.Column, year, column.Key, column.Sum(a => a.Cents), 0, 1, column.Count());
                }

                Put(municipality, FundingDimension.Funder, year, g.Funder, amount, 0, 1, 1);
                Put(municipality, FundingDimension.Kind, year, g.Kind, amount, 0, 1, 1);
                foreach (var theme in g.Themes)
                {
                    Put(municipality, FundingDimension.Theme, year, theme, amount, 0, 1, 1);
                }

                foreach (var region in regions)
                {
                    Put(municipality, FundingDimension.Region, year, region, amount, 0, 1, 1);
                }
            }

            foreach (var payment in g.Payments.Where(p => InWindow(p.Year)))
            {
                Put(municipality, FundingDimension.Total, payment.Year, 0, 0, payment.Cents, 0, 1);
                Put(municipality, FundingDimension.Column, payment.Year, payment.Iv3, 0, payment.Cents, 0, 1);
                Put(municipality, FundingDimension.Funder, payment.Year, g.Funder, 0, payment.Cents, 0, 1);
                Put(municipality, FundingDimension.Kind, payment.Year, g.Kind, 0, payment.Cents, 0, 1);
                foreach (var theme in g.Themes)
                {
                    Put(municipality, FundingDimension.Theme, payment.Year, theme, 0, payment.Cents, 0, 1);
                }

                foreach (var region in regions)
                {
                    Put(municipality, FundingDimension.Region, payment.Year, region, 0, payment.Cents, 0, 1);
                }
            }
        }

        // A programme's sources over its whole life, under the programme's own municipality (not the grant's regions).
        if (g.Programme != 0)
        {
            if (g.AwardYear is { } awarded)
            {
                foreach (var allocation in g.Allocations)
                {
                    Put(g.ProgrammeMunicipality, FundingDimension.ProgrammeSource, awarded, g.Programme, allocation.Cents, 0, 0, 1, g.Funder, allocation.Line);
                }

                Put(g.ProgrammeMunicipality, FundingDimension.ProgrammeUnallocated, awarded, g.Programme, g.Awarded - g.Allocations.Sum(a => a.Cents), 0, 0, 1, g.Funder);
            }

            foreach (var payment in g.Payments)
            {
                Put(g.ProgrammeMunicipality, FundingDimension.ProgrammeSource, payment.Year, g.Programme, 0, payment.Cents, 0, 1, g.Funder, payment.Line);
            }
        }
    }

    /// <summary>The rows of a rebuild.</summary>
    public List<FundingFact> Rows() =>
    [
        .. Sums.Where(s => !s.Value.IsZero).Select(s => new FundingFact
        {
            Municipality = s.Key.Municipality, Dimension = s.Key.Dimension, Year = s.Key.Year, Key = s.Key.Key, Key2 = s.Key.Key2, Key3 = s.Key.Key3,
            Awarded = s.Value.Awarded, Disbursed = s.Value.Disbursed, Grants = s.Value.Grants, Entries = s.Value.Entries,
        }),
    ];
}
