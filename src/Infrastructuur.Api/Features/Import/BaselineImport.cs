using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Search;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Shared.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Import;

/// <summary>How an import runs: for which municipality, whether it writes, and who it is recorded as.</summary>
public sealed record ImportOptions(Guid Municipality, string MunicipalityCode, bool DryRun, bool EndMissing, AuditStamp Audit);

/// <summary>
/// The one code path of the baseline import, behind the command and the upload. Every row is checked first and every
/// problem reported; only a file without errors is written, in one transaction (all or nothing), in chunks whose change
/// tracker is cleared so memory stays flat. Rows find their stored activity by the id column, else by organisation +
/// activity name + neighbourhoods; organisations by KvK number, else by name. A row equal to what is stored writes
/// nothing, so importing a file twice changes nothing the second time.
/// </summary>
public sealed class BaselineImport
{
    private const int ChunkSize = 1000;

    private readonly InfrastructuurDb _db;
    private readonly ImportReport _report;
    private readonly ImportOptions _options;
    private readonly Dictionary<string, Guid> _themes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _regions = new(StringComparer.Ordinal);
    private Dictionary<Guid, Inventory.OrganisationDetails> _organisations = [];

    private BaselineImport(InfrastructuurDb db, ImportReport report, ImportOptions options)
    {
        _db = db;
        _report = report;
        _options = options;
    }

    /// <summary>Checks and (unless a dry run or any error) writes <paramref name="rows"/>; the report says what happened.</summary>
    public static async Task RunAsync(InfrastructuurDb db, IReadOnlyList<BaselineRow> rows, ImportOptions options, ImportReport report, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var run = new BaselineImport(db, report, options);
        await run.ExecuteAsync(rows, progress, ct);
    }

    private sealed class Planned
    {
        public required BaselineRow Row { get; init; }

        public required ActivityValues Values { get; set; }

        public required OrganisationPlan Organisation { get; init; }

        public bool HasExternalId { get; init; }

        public Guid Id { get; set; }

        public Inventory.Stored? Existing { get; set; }
    }

    private sealed class OrganisationPlan
    {
        public required BaselineRow First { get; init; }

        public Guid Id { get; set; }

        public bool Create { get; set; }

        public required string Name { get; set; }

        public string? Kvk { get; set; }

        public OrganisationKind? Kind { get; set; }

        public string? Email { get; set; }

        public string? Website { get; set; }

        public HashSet<Guid> Regions { get; } = [];

        public bool Update { get; set; }
    }

    private const int LargeInventory = 10_000;

    private async Task ExecuteAsync(IReadOnlyList<BaselineRow> rows, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        _report.Rows = rows.Count;
        await LoadTermsAsync(ct);
        _organisations = await Inventory.OrganisationsAsync(_db, null, ct);
        var stored = await Inventory.LoadAsync(_db, _options.Municipality, ct);

        // Loading a large inventory leaves much garbage (query buffers, link rows); collecting it before the rows are
        // planned keeps the peak of a re-import of 100,000 rows within the memory target (bench/results-import.md). A
        // small inventory leaves little, and a forced full collection pauses every request of the server.
        if (stored.Count >= LargeInventory)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        var storedById = stored.ToDictionary(s => s.Id);
        var storedByKey = stored.GroupBy(s => NaturalKey(s.Values.Provider, s.Values.Name, s.Values.Neighbourhoods)).ToDictionary(g => g.Key, g => g.First());
        var kvkIndex = _organisations.Values.Where(o => o.Kvk is not null).GroupBy(o => o.Kvk!).ToDictionary(g => g.Key, g => g.First().Id);
        var nameIndex = _organisations.Values.GroupBy(o => TextKey.Fold(o.Name)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);

        var organisations = new Dictionary<string, OrganisationPlan>(StringComparer.Ordinal);
        var plans = new List<Planned>();
        var matched = new HashSet<Guid>();
        var unchanged = 0;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            try
            {
                if (Plan(row, organisations, kvkIndex, nameIndex, storedById, storedByKey) is not { } plan)
                {
                    continue;
                }

                var key = plan.Existing is null && !plan.HasExternalId ? NaturalKey(plan.Organisation.Id, plan.Values.Name, plan.Values.Neighbourhoods) : plan.Id.ToString();
                if (seen.TryGetValue(key, out var first))
                {
                    _report.Fail(row, plan.HasExternalId ? BaselineColumn.Id : BaselineColumn.Activity, ImportProblemCode.DuplicateRow, first);
                    continue;
                }

                seen[key] = row.Row;
                if (plan.Existing is { } existing)
                {
                    matched.Add(existing.Id);

                    // An unchanged row needs nothing more: not kept, so a re-import holds only what it changes.
                    if (existing.Values == plan.Values)
                    {
                        unchanged++;
                        continue;
                    }
                }

                plans.Add(plan);
            }
            finally
            {
                // The cells are parsed into the plan now; only the row's place stays, for the report.
                row.Release();
            }
        }

        await RefuseOtherMunicipalitiesAsync(plans, ct);
        await PlanOrganisationUpdatesAsync(organisations.Values, ct);

        var ended = _options.EndMissing
            ? stored.Where(s => s.Values.Status != ActivityStatus.Ended && !matched.Contains(s.Id)).Select(s => s.Id).ToList()
            : [];
        _report.Created = plans.Count(p => p.Existing is null);
        _report.Updated = plans.Count(p => p.Existing is not null);
        _report.Unchanged = unchanged;
        _report.Ended = ended.Count;
        _report.OrganisationsCreated = organisations.Values.Count(o => o.Create);
        _report.OrganisationsUpdated = organisations.Values.Count(o => o.Update);
        if (_report.HasErrors || _options.DryRun)
        {
            return;
        }

        await WriteAsync(plans, organisations.Values, ended, progress, ct);
        _report.Written = true;
    }

    private Planned? Plan(BaselineRow row, Dictionary<string, OrganisationPlan> organisations, Dictionary<string, Guid> kvkIndex, Dictionary<string, Guid> nameIndex, Dictionary<Guid, Inventory.Stored> storedById, Dictionary<string, Inventory.Stored> storedByKey)
    {
        var organisation = Organisation(row, organisations, kvkIndex, nameIndex);
        var values = Parse(row, organisation?.Id ?? Guid.Empty);
        if (organisation is null || values is null)
        {
            return null;
        }

        foreach (var region in ActivityValues.Keys(values.Neighbourhoods))
        {
            organisation.Regions.Add(region);
        }

        var plan = new Planned { Row = row, Values = values, Organisation = organisation, HasExternalId = row[BaselineColumn.Id] is not null };
        if (row[BaselineColumn.Id] is { } external)
        {
            plan.Id = ExternalId(external);
            plan.Existing = storedById.GetValueOrDefault(plan.Id);
        }
        else
        {
            plan.Existing = organisation.Create ? null : storedByKey.GetValueOrDefault(NaturalKey(organisation.Id, values.Name, values.Neighbourhoods));
            plan.Id = plan.Existing?.Id ?? Guid.CreateVersion7();
        }

        return plan;
    }

    private async Task WriteAsync(List<Planned> plans, IEnumerable<OrganisationPlan> organisations, List<Guid> ended, IProgress<(int Done, int Total)>? progress, CancellationToken ct)
    {
        var tracking = _db.ChangeTracker.AutoDetectChangesEnabled;
        _db.Audit = _options.Audit;
        try
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(ct);

            // Changes to stored records go through SaveChanges (version, change history and the search and dashboard
            // triggers as every mutation has them); new activities, the bulk of a first import, through multi-row inserts.
            await WriteOrganisationsAsync(organisations, ct);
            var updates = plans.Where(p => p.Existing is not null).ToList();
            var creates = plans.Where(p => p.Existing is null).ToList();
            var total = updates.Count + ended.Count + creates.Count;
            var done = 0;
            progress?.Report((0, total));
            foreach (var chunk in updates.Chunk(ChunkSize))
            {
                await UpdateActivitiesAsync(chunk, ct);
                progress?.Report((done += chunk.Length, total));
            }

            foreach (var chunk in ended.Chunk(ChunkSize))
            {
                foreach (var activity in await _db.Activities.Where(a => chunk.Contains(a.Id)).ToListAsync(ct))
                {
                    activity.Status = ActivityStatus.Ended;
                }

                await SaveAsync(ct);
                progress?.Report((done += chunk.Length, total));
            }

            if (creates.Count > 0)
            {
                await SearchIndex.BulkLoadAsync(
                    _db,
                    () => DashboardVersions.BulkLoadAsync(
                        _db,
                        async () =>
                        {
                            foreach (var chunk in creates.Chunk(ChunkSize))
                            {
                                await CreateActivitiesAsync(chunk, ct);
                                progress?.Report((done += chunk.Length, total));
                            }

                            return _options.Municipality;
                        },
                        ct),
                    ct);
            }

            // The dashboards' facts in the same transaction (the bulk insert bypasses SaveChanges).
            await DashboardFacts.CatchUpAsync(_db, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            _db.Audit = null;
            _db.ChangeTracker.Clear();
            _db.ChangeTracker.AutoDetectChangesEnabled = tracking;
        }
    }

    /// <summary>New activities, their links and their "created" history rows as multi-row inserts (no change tracking).</summary>
    private async Task CreateActivitiesAsync(Planned[] chunk, CancellationToken ct)
    {
        var bulk = new BulkInsert(_db);
        var now = DateTime.UtcNow;
        now = now.AddTicks(-(now.Ticks % 10)); // whole microseconds, as SaveChanges stamps them
        var activities = new List<Activity>(chunk.Length);
        var history = new List<ChangeRecord>(chunk.Length);
        foreach (var plan in chunk)
        {
            var activity = new Activity { Id = plan.Id, Name = plan.Values.Name, MunicipalityId = _options.Municipality, CreatedAt = now, ModifiedAt = now };
            Apply(activity, plan.Values, null, null, null);
            InfrastructuurDb.Derive(activity);
            activities.Add(activity);
            history.Add(ChangeAudit.Created(activity, _options.Audit, now));
        }

        await bulk.EntitiesAsync(activities, ct);
        await bulk.LinksAsync<Activity>(nameof(Activity.Themes), Links(chunk, v => v.Themes), ct);
        await bulk.LinksAsync<Activity>(nameof(Activity.TargetGroups), Links(chunk, v => v.TargetGroups), ct);
        await bulk.LinksAsync<Activity>(nameof(Activity.Neighbourhoods), Links(chunk, v => v.Neighbourhoods), ct);
        await bulk.EntitiesAsync(history, ct);
    }

    private static List<(Guid Owner, Guid Other)> Links(Planned[] chunk, Func<ActivityValues, string> keys) =>
        [.. chunk.SelectMany(p => ActivityValues.Keys(keys(p.Values)).Select(k => (p.Id, k)))];

    private async Task SaveAsync(CancellationToken ct)
    {
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
    }

    private async Task WriteOrganisationsAsync(IEnumerable<OrganisationPlan> organisations, CancellationToken ct)
    {
        var regions = await _db.Neighbourhoods.Where(n => n.MunicipalityId == _options.Municipality).ToDictionaryAsync(n => n.Id, ct);
        foreach (var plan in organisations.Where(o => o.Create))
        {
            _db.Organisations.Add(new Organisation
            {
                Id = plan.Id,
                Name = plan.Name,
                Kind = plan.Kind ?? OrganisationKind.Other,
                Email = plan.Email,
                Website = plan.Website,
                Identifiers = plan.Kvk is { } kvk ? [new OrganisationIdentifier { Scheme = Kvk.Scheme, Value = kvk }] : [],
                Neighbourhoods = [.. plan.Regions.Select(r => regions[r])],
            });
        }

        var updates = organisations.Where(o => o.Update).ToDictionary(o => o.Id);
        if (updates.Count > 0)
        {
            var keys = updates.Keys.ToList();
            foreach (var organisation in await _db.Organisations.Include(o => o.Identifiers).Where(o => keys.Contains(o.Id)).ToListAsync(ct))
            {
                var plan = updates[organisation.Id];
                organisation.Name = plan.Name;
                organisation.Kind = plan.Kind ?? organisation.Kind;
                organisation.Email = plan.Email ?? organisation.Email;
                organisation.Website = plan.Website ?? organisation.Website;
                if (plan.Kvk is { } kvk && organisation.Identifiers.All(i => i.Scheme != Kvk.Scheme))
                {
                    organisation.Identifiers.Add(new OrganisationIdentifier { Scheme = Kvk.Scheme, Value = kvk });
                }
            }
        }

        await SaveAsync(ct);
    }

    private async Task UpdateActivitiesAsync(Planned[] chunk, CancellationToken ct)
    {
        // Terms and regions tracked once per chunk, so links attach to the same instances.
        var themes = await _db.Themes.ToDictionaryAsync(t => t.Id, ct);
        var groups = await _db.TargetGroups.ToDictionaryAsync(t => t.Id, ct);
        var regions = await _db.Neighbourhoods.Where(n => n.MunicipalityId == _options.Municipality).ToDictionaryAsync(n => n.Id, ct);
        var ids = chunk.Select(p => p.Id).ToList();
        var existing = await _db.Activities.Include(a => a.Themes).Include(a => a.TargetGroups).Include(a => a.Neighbourhoods).AsSplitQuery()
            .Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        foreach (var plan in chunk)
        {
            Apply(existing[plan.Id], plan.Values, themes, groups, regions);
        }

        await SaveAsync(ct);
    }

    /// <summary>Sets the activity's values; links only when the tracked terms and regions are given (an update).</summary>
    private static void Apply(Activity activity, ActivityValues values, Dictionary<Guid, Taxonomy.Theme>? themes, Dictionary<Guid, Taxonomy.TargetGroup>? groups, Dictionary<Guid, Geography.Neighbourhood>? regions)
    {
        activity.ProviderOrganisationId = values.Provider;
        activity.Name = values.Name;
        activity.Description = values.Description;
        activity.Status = values.Status;
        if (themes is not null && groups is not null && regions is not null)
        {
            activity.Themes.ReplaceWith([.. ActivityValues.Keys(values.Themes).Select(k => themes[k])]);
            activity.TargetGroups.ReplaceWith([.. ActivityValues.Keys(values.TargetGroups).Select(k => groups[k])]);
            activity.Neighbourhoods.ReplaceWith([.. ActivityValues.Keys(values.Neighbourhoods).Select(k => regions[k])]);
        }
        activity.MinimumAge = values.MinimumAge;
        activity.MaximumAge = values.MaximumAge;
        activity.Schedule = new ActivitySchedule { Kind = values.Kind, StartsOn = values.StartsOn, EndsOn = values.EndsOn, Weekday = values.Weekday, StartTime = values.StartTime, EndTime = values.EndTime };

        // Coordinates are not in the template: they stay while the address does.
        var sameAddress = activity.Location is { } old && old.Street == values.Street && old.HouseNumber == values.HouseNumber && old.Postcode?.Value == values.Postcode && old.Place == values.Place;
        activity.Location = values.Place is null ? null : sameAddress ? activity.Location : new ActivityLocation
        {
            Street = values.Street,
            HouseNumber = values.HouseNumber,
            Postcode = values.Postcode is null ? null : Postcode.Parse(values.Postcode),
            Place = values.Place,
        };
        activity.Capacity = values.Capacity;
        activity.Cost = values.IsFree is { } free ? new ActivityCost { IsFree = free, FeeCents = values.FeeCents, FeeDescription = values.FeeDescription } : null;
        var languages = values.Languages.Length == 0 ? [] : values.Languages.Split(',').ToList();
        if (!languages.SequenceEqual(activity.Languages))
        {
            activity.Languages = languages;
        }
    }

    /// <summary>An id column value as a key: a UUID as it is, any other text as a name-based UUID within the municipality.</summary>
    private Guid ExternalId(string external) =>
        Guid.TryParse(external, out var id) ? id : NameBasedId(_options.MunicipalityCode + ":" + external);

    /// <summary>
    /// A name-based UUID (RFC 9562 version 8 over SHA-256, as version 5 is over SHA-1): the same text always gives the same
    /// UUID, so next year's file finds this year's rows without a column of its own for the external ID.
    /// </summary>
    public static Guid NameBasedId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("infrastructuur:baseline:" + name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    private static string NaturalKey(Guid organisation, string name, string regions) => $"{organisation}|{TextKey.Fold(name)}|{regions}";

    private async Task RefuseOtherMunicipalitiesAsync(List<Planned> plans, CancellationToken ct)
    {
        var unknown = plans.Where(p => p.Existing is null && p.HasExternalId).ToList();
        for (var i = 0; i < unknown.Count; i += ChunkSize)
        {
            var chunk = unknown.GetRange(i, Math.Min(ChunkSize, unknown.Count - i));
            var ids = chunk.Select(p => p.Id).ToList();
            var elsewhere = (await _db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
            foreach (var plan in chunk.Where(p => elsewhere.Contains(p.Id)))
            {
                _report.Fail(plan.Row, BaselineColumn.Id, ImportProblemCode.OtherMunicipality);
            }
        }
    }

    private async Task PlanOrganisationUpdatesAsync(IEnumerable<OrganisationPlan> organisations, CancellationToken ct)
    {
        var changed = organisations.Where(o => !o.Create && Differs(o, _organisations[o.Id])).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        // An organisation working in other municipalities too is theirs as well: this import may use it, not change it.
        var places = await OrganisationMunicipalities.OfAsync(_db, [.. changed.Select(o => o.Id)], ct);
        foreach (var plan in changed)
        {
            if (places.GetValueOrDefault(plan.Id, []).All(m => m == _options.Municipality))
            {
                plan.Update = true;
            }
            else
            {
                _report.Warn(plan.First, BaselineColumn.Organisation, ImportProblemCode.OtherMunicipality);
            }
        }
    }

    private static bool Differs(OrganisationPlan plan, Inventory.OrganisationDetails stored) =>
        plan.Name != stored.Name
        || (plan.Kind is { } kind && kind != stored.Kind)
        || (plan.Email is { } email && email != stored.Email)
        || (plan.Website is { } website && website != stored.Website)
        || (plan.Kvk is { } kvk && stored.Kvk is null && kvk.Length > 0);

    /// <summary>The organisation a row names, planned once per KvK number (else per name); null when the row names none.</summary>
    private OrganisationPlan? Organisation(BaselineRow row, Dictionary<string, OrganisationPlan> plans, Dictionary<string, Guid> kvkIndex, Dictionary<string, Guid> nameIndex)
    {
        var name = Text(row, BaselineColumn.Organisation, 300, required: true);
        var kvk = row[BaselineColumn.Kvk]?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (kvk is not null && !Kvk.IsValid(kvk))
        {
            _report.Fail(row, BaselineColumn.Kvk, ImportProblemCode.BadValue, kvk, "12345678");
            return null;
        }

        var kind = Enum<OrganisationKind>(row, BaselineColumn.OrganisationKind);
        var email = Text(row, BaselineColumn.Email, 320);
        var website = Text(row, BaselineColumn.Website, 500);
        if (name is null)
        {
            return null;
        }

        var key = kvk is not null ? "kvk:" + kvk : "name:" + TextKey.Fold(name);
        if (plans.TryGetValue(key, out var plan))
        {
            if (plan.Name != name || (kind is not null && plan.Kind != kind) || (email is not null && plan.Email != email) || (website is not null && plan.Website != website))
            {
                _report.Fail(row, BaselineColumn.Organisation, ImportProblemCode.ConflictingOrganisation, plan.First.Row);
            }

            return plan;
        }

        Guid? found = kvk is not null && kvkIndex.TryGetValue(kvk, out var byKvk) ? byKvk : null;
        if (found is null && nameIndex.TryGetValue(TextKey.Fold(name), out var byName) && (kvk is null || _organisations[byName].Kvk is null))
        {
            found = byName;
        }

        plan = new OrganisationPlan { First = row, Id = found ?? Guid.CreateVersion7(), Create = found is null, Name = name, Kvk = kvk, Kind = kind, Email = email, Website = website };
        plans[key] = plan;
        return plan;
    }

    private async Task LoadTermsAsync(CancellationToken ct)
    {
        foreach (var t in await _db.Themes.AsNoTracking().Select(t => new { t.Id, t.Code, t.NameNl, t.NameEn }).ToListAsync(ct))
        {
            _themes.TryAdd(t.Code.ToLowerInvariant(), t.Id);
            _themes.TryAdd(TextKey.Fold(t.NameNl), t.Id);
            _themes.TryAdd(TextKey.Fold(t.NameEn), t.Id);
        }

        foreach (var t in await _db.TargetGroups.AsNoTracking().Select(t => new { t.Id, t.Code, t.NameNl, t.NameEn }).ToListAsync(ct))
        {
            _groups.TryAdd(t.Code.ToLowerInvariant(), t.Id);
            _groups.TryAdd(TextKey.Fold(t.NameNl), t.Id);
            _groups.TryAdd(TextKey.Fold(t.NameEn), t.Id);
        }

        var regions = await _db.Neighbourhoods.AsNoTracking().Where(n => n.MunicipalityId == _options.Municipality).Select(n => new { n.Id, n.CbsCode, n.Name }).ToListAsync(ct);
        foreach (var n in regions)
        {
            if (n.CbsCode is { } code)
            {
                _regions.TryAdd(code.ToUpperInvariant(), n.Id);
            }
        }

        // A name names a region only when it is unique in the municipality.
        foreach (var group in regions.GroupBy(n => TextKey.Fold(n.Name)).Where(g => g.Count() == 1))
        {
            _regions.TryAdd(group.Key, group.Single().Id);
        }
    }

    /// <summary>The row's activity values, every cell checked; null when a required part is missing.</summary>
    private ActivityValues? Parse(BaselineRow row, Guid provider)
    {
        var name = Text(row, BaselineColumn.Activity, 300, required: true);
        var description = Text(row, BaselineColumn.Description, 8000);
        var status = Enum<ActivityStatus>(row, BaselineColumn.Status) ?? ActivityStatus.Active;
        var themes = new List<Guid>();
        var groups = new List<Guid>();
        foreach (var term in BaselineTemplate.List(row[BaselineColumn.Themes]))
        {
            var key = term.Contains('-', StringComparison.Ordinal) ? term.ToLowerInvariant() : TextKey.Fold(term);
            if (_themes.TryGetValue(key, out var theme) || _themes.TryGetValue(term.ToLowerInvariant(), out theme))
            {
                themes.Add(theme);
            }
            else if (row.HsdsTerms && (_groups.TryGetValue(key, out var group) || _groups.TryGetValue(term.ToLowerInvariant(), out group)))
            {
                groups.Add(group);
            }
            else if (row.HsdsTerms)
            {
                _report.Warn(row, BaselineColumn.Themes, ImportProblemCode.NotImported, term);
            }
            else
            {
                _report.Fail(row, BaselineColumn.Themes, ImportProblemCode.UnknownTheme, term);
            }
        }

        foreach (var term in BaselineTemplate.List(row[BaselineColumn.TargetGroups]))
        {
            if (_groups.TryGetValue(term.ToLowerInvariant(), out var group) || _groups.TryGetValue(TextKey.Fold(term), out group))
            {
                groups.Add(group);
            }
            else
            {
                _report.Fail(row, BaselineColumn.TargetGroups, ImportProblemCode.UnknownTargetGroup, term);
            }
        }

        var regions = new List<Guid>();
        foreach (var region in BaselineTemplate.List(row[BaselineColumn.Neighbourhoods]))
        {
            if (_regions.TryGetValue(region.ToUpperInvariant(), out var id) || _regions.TryGetValue(TextKey.Fold(region), out id))
            {
                regions.Add(id);
            }
            else if (row.RegionsOptional)
            {
                _report.Warn(row, BaselineColumn.Neighbourhoods, ImportProblemCode.NotImported, region);
            }
            else
            {
                _report.Fail(row, BaselineColumn.Neighbourhoods, ImportProblemCode.UnknownNeighbourhood, region);
            }
        }

        if (regions.Count == 0 && !row.RegionsOptional && row[BaselineColumn.Neighbourhoods] is null)
        {
            _report.Fail(row, BaselineColumn.Neighbourhoods, ImportProblemCode.Required);
        }

        var minimum = Number(row, BaselineColumn.MinimumAge, 0, 150);
        var maximum = Number(row, BaselineColumn.MaximumAge, minimum ?? 0, 150);
        var kind = Schedule(row);
        var starts = Date(row, BaselineColumn.StartsOn);
        var ends = Date(row, BaselineColumn.EndsOn);
        var weekday = Enum<Weekday>(row, BaselineColumn.Weekday);
        var from = Time(row, BaselineColumn.StartTime);
        var until = Time(row, BaselineColumn.EndTime);
        if (starts is { } s && ends is { } e && e < s)
        {
            _report.Fail(row, BaselineColumn.EndsOn, ImportProblemCode.DateOrder);
        }

        if (from is { } f && until is { } u && u < f)
        {
            _report.Fail(row, BaselineColumn.EndTime, ImportProblemCode.DateOrder);
        }

        if (kind == ScheduleKind.OneOff && starts is null && row[BaselineColumn.StartsOn] is null)
        {
            _report.Fail(row, BaselineColumn.StartsOn, ImportProblemCode.Required);
        }

        if (kind == ScheduleKind.Recurring && weekday is null && row[BaselineColumn.Weekday] is null)
        {
            _report.Fail(row, BaselineColumn.Weekday, ImportProblemCode.Required);
        }

        var street = Text(row, BaselineColumn.Street, 200);
        var number = Text(row, BaselineColumn.HouseNumber, 20);
        var place = Text(row, BaselineColumn.Place, 100);
        string? postcode = null;
        if (row[BaselineColumn.Postcode] is { } code)
        {
            if (Shared.Postcode.TryParse(code, out var parsed))
            {
                postcode = parsed.Value;
            }
            else if (row.RegionsOptional)
            {
                _report.Warn(row, BaselineColumn.Postcode, ImportProblemCode.NotImported, code);
            }
            else
            {
                _report.Fail(row, BaselineColumn.Postcode, ImportProblemCode.BadValue, code, "1234 AB");
            }
        }

        if (place is null && (street ?? number ?? postcode) is not null)
        {
            _report.Fail(row, BaselineColumn.Place, ImportProblemCode.Required);
        }

        var capacity = Number(row, BaselineColumn.Capacity, 1, int.MaxValue);
        var (free, fee) = Cost(row);
        var feeDescription = Text(row, BaselineColumn.CostDescription, 500);
        free ??= feeDescription is null ? null : false;
        var languages = BaselineTemplate.List(row[BaselineColumn.Languages]).Select(l => l.ToLowerInvariant()).Distinct().ToList();
        foreach (var language in languages.Where(l => l.Length != 2 || !l.All(char.IsAsciiLetterLower)))
        {
            _report.Fail(row, BaselineColumn.Languages, ImportProblemCode.BadValue, language, "nl; en; ar");
        }

        if (name is null)
        {
            return null;
        }

        return new ActivityValues(
            provider, name, description, status,
            ActivityValues.Keys(themes.Distinct()), ActivityValues.Keys(groups.Distinct()), ActivityValues.Keys(regions.Distinct()),
            minimum, maximum,
            kind, starts, kind == ScheduleKind.OneOff ? ends ?? starts : ends, weekday, from, until,
            place is null ? null : street, place is null ? null : number, place is null ? null : postcode, place,
            capacity, free, fee, free is null ? null : feeDescription,
            string.Join(",", languages));
    }

    private string? Text(BaselineRow row, BaselineColumn column, int max, bool required = false)
    {
        var text = row[column];
        if (text is null && required)
        {
            _report.Fail(row, column, ImportProblemCode.Required);
        }
        else if (text?.Length > max)
        {
            _report.Fail(row, column, ImportProblemCode.TooLong, max);
            return null;
        }

        return text;
    }

    private int? Number(BaselineRow row, BaselineColumn column, int min, int max)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _report.Fail(row, column, ImportProblemCode.BadNumber, text, min);
        return null;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d-M-yyyy", "d/M/yyyy", "yyyy-MM-dd HH:mm"];

    private DateOnly? Date(BaselineRow row, BaselineColumn column)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return DateOnly.FromDateTime(day);
        }

        _report.Fail(row, column, ImportProblemCode.BadDate, text);
        return null;
    }

    private TimeOnly? Time(BaselineRow row, BaselineColumn column)
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        if (TimeOnly.TryParseExact(text, ["H:mm", "HH:mm", "H.mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        _report.Fail(row, column, ImportProblemCode.BadTime, text);
        return null;
    }

    private static readonly Dictionary<string, ScheduleKind> Kinds = new(StringComparer.Ordinal)
    {
        ["once"] = ScheduleKind.OneOff, ["one_off"] = ScheduleKind.OneOff, ["eenmalig"] = ScheduleKind.OneOff,
        ["period"] = ScheduleKind.Period, ["periode"] = ScheduleKind.Period,
        ["weekly"] = ScheduleKind.Recurring, ["recurring"] = ScheduleKind.Recurring, ["wekelijks"] = ScheduleKind.Recurring,
    };

    /// <summary>Words in either language for the enums the template uses; the English snake-case token always works too.</summary>
    private static readonly Dictionary<string, string> DutchWords = new(StringComparer.Ordinal)
    {
        ["concept"] = "draft", ["actief"] = "active", ["gepauzeerd"] = "paused", ["beeindigd"] = "ended", ["gestopt"] = "ended",
        ["maandag"] = "monday", ["dinsdag"] = "tuesday", ["woensdag"] = "wednesday", ["donderdag"] = "thursday", ["vrijdag"] = "friday", ["zaterdag"] = "saturday", ["zondag"] = "sunday",
        ["school"] = "school", ["geloofsgemeenschap"] = "faith_community", ["sportvereniging"] = "sports_club", ["jongerenwerk"] = "youth_work",
        ["welzijn"] = "welfare", ["zorgaanbieder"] = "care_provider", ["ggd"] = "public_health_service", ["gemeente"] = "municipality",
        ["woningcorporatie"] = "housing_corporation", ["fonds"] = "fund", ["wijkbedrijf"] = "neighbourhood_company", ["anders"] = "other",
    };

    private ScheduleKind Schedule(BaselineRow row)
    {
        if (row[BaselineColumn.Schedule] is not { } text)
        {
            return ScheduleKind.Period;
        }

        if (Kinds.TryGetValue(TextKey.Fold(text).Replace(' ', '_'), out var kind))
        {
            return kind;
        }

        _report.Fail(row, BaselineColumn.Schedule, ImportProblemCode.BadValue, text, "once, period, weekly");
        return ScheduleKind.Period;
    }

    private T? Enum<T>(BaselineRow row, BaselineColumn column)
        where T : struct, Enum
    {
        if (row[column] is not { } text)
        {
            return null;
        }

        var word = TextKey.Fold(text).Replace(' ', '_');
        word = DutchWords.GetValueOrDefault(word, word);
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (Inventory.Token(value) == word)
            {
                return value;
            }
        }

        _report.Fail(row, column, ImportProblemCode.BadValue, text, string.Join(", ", System.Enum.GetValues<T>().Select(Inventory.Token)));
        return null;
    }

    /// <summary>"free"/"gratis" or 0, "paid"/"betaald" (an unknown fee), or an amount in euros (12.50 or 12,50).</summary>
    private (bool? Free, long? Cents) Cost(BaselineRow row)
    {
        if (row[BaselineColumn.Cost] is not { } text)
        {
            return (null, null);
        }

        switch (TextKey.Fold(text))
        {
            case "free" or "gratis":
                return (true, null);
            case "paid" or "betaald":
                return (false, null);
        }

        var amount = text.Replace("€", string.Empty, StringComparison.Ordinal).Trim().Replace(',', '.');
        if (decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var euros) && euros >= 0 && decimal.Round(euros, 2) == euros)
        {
            return euros == 0 ? (true, null) : (false, (long)(euros * 100));
        }

        _report.Fail(row, BaselineColumn.Cost, ImportProblemCode.BadValue, text, "free, paid, 12.50");
        return (null, null);
    }
}
