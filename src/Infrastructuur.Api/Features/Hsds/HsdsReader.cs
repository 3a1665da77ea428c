using System.Globalization;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Hsds;

/// <summary>
/// Reads the HSDS objects (docs/hsds-mapping.md) straight from EF Core: activities as services, organisations and
/// residents' initiatives as organizations, themes and target groups as the terms of two taxonomies, an activity's
/// address as its service_at_location. Only what an anonymous caller sees through /graphql: the same
/// <see cref="VisibilityRules"/> for the anonymous viewer, and no field about a person. Lists page in the database
/// (COUNT, then OFFSET/LIMIT in a stable order) and read what a page nests in a fixed number of statements, whatever
/// its size.
/// </summary>
public sealed class HsdsReader(InfrastructuurDb db)
{
    /// <summary>The services an organization lists in /organizations/{id}, by name; the rest are paged by /services?organization_id=.</summary>
    public const int MaxServicesPerOrganization = HsdsRequest.MaxPerPage;

    public const string ThemesTaxonomyName = "Infrastructuur themes";

    public const string TargetGroupsTaxonomyName = "Infrastructuur target groups";

    private static readonly JsonObject[] Taxonomies =
    [
        new()
        {
            ["id"] = HsdsIds.ThemesTaxonomy.ToString("D"),
            ["name"] = ThemesTaxonomyName,
            ["description"] = "Themes of prevention work (debt and poverty, healthy food, loneliness …): the themes of activities, initiatives and grants in this API, in Dutch, with a parent for a subtheme.",
            ["version"] = "1",
        },
        new()
        {
            ["id"] = HsdsIds.TargetGroupsTaxonomy.ToString("D"),
            ["name"] = TargetGroupsTaxonomyName,
            ["description"] = "Groups of people an activity is for (children 4–12, parents, young people …), in Dutch, with a parent for a narrower group.",
            ["version"] = "1",
        },
    ];

    private IQueryable<Activity> VisibleActivities => db.Activities.AsNoTracking().Where(VisibilityRules.Activity(Viewer.Anonymous));

    private IQueryable<Initiative> VisibleInitiatives => db.Initiatives.AsNoTracking().Where(VisibilityRules.Initiative(Viewer.Anonymous));

    public static JsonObject Meta() => new()
    {
        ["version"] = HsdsEndpoint.HsdsVersion,
        ["profile"] = HsdsEndpoint.ProfileUrl,
    };

    // Services

    public async Task<JsonObject> ServicesAsync(HsdsRequest request, CancellationToken ct)
    {
        var query = Filter(VisibleActivities, request);
        var total = await query.CountAsync(ct);
        var rows = total > request.Offset
            ? await query.OrderBy(a => a.NameKey).ThenBy(a => a.Id).Skip(request.Offset).Take(request.PerPage).ToListAsync(ct)
            : [];
        return Page(request, total, await ServicesOfAsync(rows, request.Full, withOrganization: true, withLocations: true, ct));
    }

    public async Task<JsonObject?> ServiceAsync(Guid id, CancellationToken ct)
    {
        var row = await VisibleActivities.FirstOrDefaultAsync(a => a.Id == id, ct);
        return row is null ? null : (JsonObject)(await ServicesOfAsync([row], full: true, withOrganization: true, withLocations: true, ct))[0]!;
    }

    // service_at_location: one per activity with an address.

    public async Task<JsonObject> ServiceAtLocationsAsync(HsdsRequest request, CancellationToken ct)
    {
        var query = Filter(VisibleActivities.Where(a => a.Location != null), request);
        var total = await query.CountAsync(ct);
        var rows = total > request.Offset
            ? await query.OrderBy(a => a.NameKey).ThenBy(a => a.Id).Skip(request.Offset).Take(request.PerPage).ToListAsync(ct)
            : [];
        return Page(request, total, await ServiceAtLocationsOfAsync(rows, request.Full, ct));
    }

    public async Task<JsonObject?> ServiceAtLocationAsync(Guid id, CancellationToken ct)
    {
        var activity = HsdsIds.RecordOf(id, HsdsIds.Part.ServiceAtLocation);
        var row = await VisibleActivities.Where(a => a.Location != null).FirstOrDefaultAsync(a => a.Id == activity, ct);
        return row is null ? null : (JsonObject)(await ServiceAtLocationsOfAsync([row], full: true, ct))[0]!;
    }

    // Organizations: organisations first, then the visible initiatives, each by name.

    public async Task<JsonObject> OrganizationsAsync(HsdsRequest request, CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking().ContainingWords(request.Words);
        var initiatives = VisibleInitiatives.ContainingWords(request.Words);
        var organisationCount = await organisations.CountAsync(ct);
        var initiativeCount = await initiatives.CountAsync(ct);
        var contents = new List<JsonObject>();
        if (request.Offset < organisationCount)
        {
            var page = await organisations.OrderBy(o => o.NameKey).ThenBy(o => o.Id).Skip(request.Offset).Take(request.PerPage)
                .Select(o => new OrganisationRow(o.Id, o.Name, o.Description, o.Email, o.Website, o.ParentId)).ToListAsync(ct);
            contents.AddRange(page.Select(Organization));
        }

        var initiativeOffset = Math.Max(0, request.Offset - organisationCount);
        if (contents.Count < request.PerPage && initiativeOffset < initiativeCount)
        {
            var page = await initiatives.OrderBy(i => i.NameKey).ThenBy(i => i.Id).Skip(initiativeOffset).Take(request.PerPage - contents.Count)
                .Select(i => new InitiativeRow(i.Id, i.Name, i.Description)).ToListAsync(ct);
            contents.AddRange(page.Select(Organization));
        }

        if (request.Full && contents.Count > 0)
        {
            await AddIdentifiersAsync(contents, ct);
        }

        return Page(request, organisationCount + initiativeCount, [.. contents]);
    }

    public async Task<JsonObject?> OrganizationAsync(Guid id, bool fullService, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Description, o.Email, o.Website, o.ParentId)).FirstOrDefaultAsync(ct);
        JsonObject item;
        if (organisation is not null)
        {
            item = Organization(organisation);
            await AddIdentifiersAsync([item], ct);
        }
        else if (await VisibleInitiatives.Where(i => i.Id == id).Select(i => new InitiativeRow(i.Id, i.Name, i.Description)).FirstOrDefaultAsync(ct) is { } initiative)
        {
            item = Organization(initiative);
            item["organization_identifiers"] = new JsonArray();
        }
        else
        {
            return null;
        }

        var services = await VisibleActivities.Where(a => a.ProviderOrganisationId == id || a.ProviderInitiativeId == id)
            .OrderBy(a => a.NameKey).ThenBy(a => a.Id).Take(MaxServicesPerOrganization).ToListAsync(ct);
        item["services"] = await ServicesOfAsync(services, fullService, withOrganization: false, withLocations: true, ct);
        return item;
    }

    // Taxonomies and their terms

    public static JsonObject TaxonomyList(HsdsRequest request)
    {
        var matching = Taxonomies.Where(t => request.Words is null || request.Words.All(w => TextKey.Fold(t["name"]!.GetValue<string>() + " " + t["description"]!.GetValue<string>()).Contains(w, StringComparison.Ordinal))).ToList();
        return Page(request, matching.Count, [.. matching.Skip(request.Offset).Take(request.PerPage).Select(t => t.DeepClone())]);
    }

    public static JsonObject? Taxonomy(Guid id) => Taxonomies.FirstOrDefault(t => t["id"]!.GetValue<string>() == id.ToString("D"))?.DeepClone().AsObject();

    public async Task<JsonObject> TaxonomyTermsAsync(HsdsRequest request, CancellationToken ct)
    {
        var themes = Terms(db.Themes, request, HsdsIds.ThemesTaxonomy);
        var groups = Terms(db.TargetGroups, request, HsdsIds.TargetGroupsTaxonomy);
        var themeCount = await themes.CountAsync(ct);
        var groupCount = await groups.CountAsync(ct);
        var contents = new List<JsonObject>();
        if (request.Offset < themeCount)
        {
            contents.AddRange((await Page(themes, request.Offset, request.PerPage).ToListAsync(ct)).Select(t => Term(t, HsdsIds.ThemesTaxonomy)));
        }

        var groupOffset = Math.Max(0, request.Offset - themeCount);
        if (contents.Count < request.PerPage && groupOffset < groupCount)
        {
            contents.AddRange((await Page(groups, groupOffset, request.PerPage - contents.Count).ToListAsync(ct)).Select(t => Term(t, HsdsIds.TargetGroupsTaxonomy)));
        }

        return Page(request, themeCount + groupCount, [.. contents]);
    }

    public async Task<JsonObject?> TaxonomyTermAsync(Guid id, CancellationToken ct)
    {
        if (await db.Themes.AsNoTracking().Where(t => t.Id == id).Select(TermRow.Of<Theme>()).FirstOrDefaultAsync(ct) is { } theme)
        {
            return Term(theme, HsdsIds.ThemesTaxonomy);
        }

        return await db.TargetGroups.AsNoTracking().Where(t => t.Id == id).Select(TermRow.Of<TargetGroup>()).FirstOrDefaultAsync(ct) is { } group
            ? Term(group, HsdsIds.TargetGroupsTaxonomy)
            : null;
    }

    private static IQueryable<TermRow> Page<T>(IQueryable<T> terms, int offset, int count)
        where T : TaxonomyTerm =>
        terms.OrderBy(t => t.NameKey).ThenBy(t => t.Id).Skip(offset).Take(count).Select(TermRow.Of<T>());

    private static IQueryable<T> Terms<T>(DbSet<T> set, HsdsRequest request, Guid taxonomy)
        where T : TaxonomyTerm
    {
        var query = set.AsNoTracking();
        if (request.TaxonomyId is { } wanted && wanted != taxonomy)
        {
            query = query.Where(_ => false);
        }

        foreach (var word in request.Words ?? [])
        {
            var pattern = $"%{word}%";
            query = query.Where(t => EF.Functions.Like(t.NameKey, pattern) || EF.Functions.Like(t.Code, pattern));
        }

        if (request.ParentId is { } parent)
        {
            query = query.Where(t => t.ParentId == parent);
        }

        if (request.TopOnly)
        {
            query = query.Where(t => t.ParentId == null);
        }

        return query;
    }

    private static JsonObject Term(TermRow term, Guid taxonomy)
    {
        var detail = Taxonomy(taxonomy)!;
        var item = new JsonObject
        {
            ["id"] = term.Id.ToString("D"),
            ["code"] = term.Code,
            ["name"] = term.Name,
            ["description"] = term.Description ?? string.Empty,
        };
        Put(item, "parent_id", term.ParentId?.ToString("D"));
        item["taxonomy"] = detail["name"]!.GetValue<string>();
        item["taxonomy_id"] = taxonomy.ToString("D");
        item["taxonomy_detail"] = detail;
        item["language"] = "nl";
        return item;
    }

    // The filters of /services and /service_at_locations, all in the one statement that counts and the one that pages.
    private IQueryable<Activity> Filter(IQueryable<Activity> query, HsdsRequest request)
    {
        query = query.ContainingWords(request.Words);
        if (request.OrganizationId is { } organisation)
        {
            query = query.Where(a => a.ProviderOrganisationId == organisation || a.ProviderInitiativeId == organisation);
        }

        if (request.ModifiedAfter is { } since)
        {
            query = query.Where(a => a.ModifiedAt >= since);
        }

        if (request.TaxonomyId is { } taxonomy)
        {
            query = taxonomy == HsdsIds.ThemesTaxonomy ? query.Where(a => a.Themes.Any())
                : taxonomy == HsdsIds.TargetGroupsTaxonomy ? query.Where(a => a.TargetGroups.Any())
                : query.Where(_ => false);
        }

        if (request.TaxonomyTermId is { } term)
        {
            // The term or a term below it (two levels), as the themes and targetGroups filters of /graphql; an ID is a
            // theme or a target group, so the side it is not on matches nothing.
            var themeChildren = db.Themes.Where(t => t.ParentId == term).Select(t => t.Id);
            var themes = db.Themes.Where(t => t.Id == term || t.ParentId == term || (t.ParentId != null && themeChildren.Contains(t.ParentId.Value))).Select(t => t.Id);
            var groupChildren = db.TargetGroups.Where(t => t.ParentId == term).Select(t => t.Id);
            var groups = db.TargetGroups.Where(t => t.Id == term || t.ParentId == term || (t.ParentId != null && groupChildren.Contains(t.ParentId.Value))).Select(t => t.Id);
            query = query.Where(a => a.Themes.Any(t => themes.Contains(t.Id)) || a.TargetGroups.Any(g => groups.Contains(g.Id)));
        }

        return query;
    }

    /// <summary>
    /// The services of a page of activities. The list form holds the one-to-one fields and the organization; the full
    /// form adds attributes (themes, target groups), schedules, service areas, the service_at_location, cost options
    /// and languages. Two statements for the providers, four more for the full form.
    /// </summary>
    private async Task<JsonArray> ServicesOfAsync(IReadOnlyList<Activity> rows, bool full, bool withOrganization, bool withLocations, CancellationToken ct)
    {
        var result = new JsonArray();
        if (rows.Count == 0)
        {
            return result;
        }

        var providers = withOrganization ? await ProvidersAsync(rows, ct) : [];
        var ids = rows.Select(a => a.Id).ToList();
        ILookup<Guid, TermLink> themes = EmptyLookup<TermLink>(), groups = EmptyLookup<TermLink>();
        ILookup<Guid, PlaceLink> places = EmptyLookup<PlaceLink>();
        Dictionary<Guid, string> municipalities = [];
        if (full)
        {
            themes = await TermLinksAsync<Theme>("ActivityTheme", "ThemesId", ids, ct);
            groups = await TermLinksAsync<TargetGroup>("ActivityTargetGroup", "TargetGroupsId", ids, ct);
            places = (await (
                from link in db.Set<Dictionary<string, object>>("ActivityNeighbourhood")
                join n in db.Neighbourhoods on EF.Property<Guid>(link, "NeighbourhoodsId") equals n.Id
                where ids.Contains(EF.Property<Guid>(link, "ActivitiesId"))
                select new PlaceLink(EF.Property<Guid>(link, "ActivitiesId"), n.Id, n.Name, n.Level, n.CbsCode, n.CbsCodeYear)).AsNoTracking().ToListAsync(ct))
                .ToLookup(l => l.ActivityId);
            if (withLocations)
            {
                municipalities = await MunicipalitiesAsync(rows, ct);
            }
        }

        foreach (var activity in rows)
        {
            var service = Service(activity, providers);
            if (full)
            {
                var terms = themes[activity.Id].Select(l => (l.Term, HsdsIds.ThemesTaxonomy)).Concat(groups[activity.Id].Select(l => (l.Term, HsdsIds.TargetGroupsTaxonomy))).ToList();
                Put(service, "eligibility_description", groups[activity.Id].Any() ? string.Join("; ", groups[activity.Id].Select(l => l.Term.Name).Order(StringComparer.Ordinal)) : null);
                service["attributes"] = new JsonArray([.. terms.OrderBy(t => t.Item2).ThenBy(t => t.Term.Code, StringComparer.Ordinal).Select(t => Attribute(activity.Id, t.Term, t.Item2))]);
                service["schedules"] = Schedules(activity, serviceAtLocation: false);
                service["service_areas"] = new JsonArray([.. places[activity.Id].OrderBy(p => p.CbsCode ?? p.Name, StringComparer.Ordinal).Select(p => ServiceArea(activity.Id, p))]);
                service["service_at_locations"] = withLocations && activity.Location is not null
                    ? new JsonArray(ServiceAtLocation(activity, municipalities, service: null))
                    : new JsonArray();
                service["cost_options"] = CostOptions(activity);
                service["languages"] = new JsonArray([.. activity.Languages.Order(StringComparer.Ordinal).Select(code => Language(activity.Id, code))]);
            }

            result.Add(service);
        }

        return result;
    }

    // Through the link table itself: a join SQLite can run (a navigation from a filtered activity needs APPLY).
    private async Task<ILookup<Guid, TermLink>> TermLinksAsync<T>(string table, string column, List<Guid> ids, CancellationToken ct)
        where T : TaxonomyTerm =>
        (await (
            from link in db.Set<Dictionary<string, object>>(table)
            join t in db.Set<T>() on EF.Property<Guid>(link, column) equals t.Id
            where ids.Contains(EF.Property<Guid>(link, "ActivitiesId"))
            select new TermLink(EF.Property<Guid>(link, "ActivitiesId"), new TermRow(t.Id, t.Code, t.NameNl, t.Description, t.ParentId))).AsNoTracking().ToListAsync(ct))
            .ToLookup(l => l.ActivityId);

    private async Task<JsonArray> ServiceAtLocationsOfAsync(IReadOnlyList<Activity> rows, bool full, CancellationToken ct)
    {
        var result = new JsonArray();
        if (rows.Count == 0)
        {
            return result;
        }

        var array = await ServicesOfAsync(rows, full, withOrganization: true, withLocations: false, ct);
        var services = array.Select(s => s!.AsObject()).ToList();
        array.Clear(); // each service moves into its service_at_location
        var municipalities = await MunicipalitiesAsync(rows, ct);
        for (var i = 0; i < rows.Count; i++)
        {
            var service = services[i];
            service.Remove("service_at_locations");
            var item = ServiceAtLocation(rows[i], municipalities, service);
            if (full)
            {
                item["schedules"] = Schedules(rows[i], serviceAtLocation: true);
            }

            result.Add(item);
        }

        return result;
    }

    private async Task<Dictionary<Guid, string>> MunicipalitiesAsync(IReadOnlyList<Activity> rows, CancellationToken ct)
    {
        var ids = rows.Select(a => a.MunicipalityId).Distinct().ToList();
        return await db.Municipalities.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }

    private async Task<Dictionary<Guid, JsonObject>> ProvidersAsync(IReadOnlyList<Activity> rows, CancellationToken ct)
    {
        var organisationIds = rows.Where(a => a.ProviderOrganisationId is not null).Select(a => a.ProviderOrganisationId!.Value).Distinct().ToList();
        var initiativeIds = rows.Where(a => a.ProviderInitiativeId is not null).Select(a => a.ProviderInitiativeId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new OrganisationRow(o.Id, o.Name, o.Description, o.Email, o.Website, o.ParentId)).ToListAsync(ct);
        // An activity of a hidden initiative is hidden itself (VisibilityRules.Activity), so every provider here is visible.
        var initiatives = await db.Initiatives.AsNoTracking().Where(i => initiativeIds.Contains(i.Id))
            .Select(i => new InitiativeRow(i.Id, i.Name, i.Description)).ToListAsync(ct);
        return organisations.Select(o => (o.Id, Organization(o))).Concat(initiatives.Select(i => (i.Id, Organization(i)))).ToDictionary(p => p.Id, p => p.Item2);
    }

    private async Task AddIdentifiersAsync(IReadOnlyList<JsonObject> organizations, CancellationToken ct)
    {
        var ids = organizations.Select(o => Guid.Parse(o["id"]!.GetValue<string>())).ToList();
        var identifiers = (await db.OrganisationIdentifiers.AsNoTracking().Where(i => ids.Contains(i.OrganisationId))
            .Select(i => new { i.Id, i.OrganisationId, i.Scheme, i.Value }).ToListAsync(ct)).ToLookup(i => i.OrganisationId);
        foreach (var organization in organizations)
        {
            var id = Guid.Parse(organization["id"]!.GetValue<string>());
            organization["organization_identifiers"] = new JsonArray([.. identifiers[id].OrderBy(i => i.Scheme, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).Select(i => new JsonObject
            {
                ["id"] = i.Id.ToString("D"),
                ["organization_id"] = i.OrganisationId.ToString("D"),
                ["identifier_scheme"] = i.Scheme,
                ["identifier_type"] = IdentifierType(i.Scheme),
                ["identifier"] = i.Value,
            })]);
        }
    }

    private static string IdentifierType(string scheme) => scheme switch
    {
        "NL-KVK" => "Kamer van Koophandel (Dutch Chamber of Commerce) number",
        "NL-OWMS" => "Dutch government organisation identifier (OWMS)",
        _ => scheme,
    };

    private static JsonObject Service(Activity activity, Dictionary<Guid, JsonObject> providers)
    {
        var provider = activity.ProviderOrganisationId ?? activity.ProviderInitiativeId!.Value;
        var service = new JsonObject
        {
            ["id"] = activity.Id.ToString("D"),
            ["organization_id"] = provider.ToString("D"),
            ["name"] = activity.Name,
        };
        Put(service, "description", activity.Description);
        service["status"] = activity.Status switch
        {
            ActivityStatus.Paused => "temporarily closed",
            ActivityStatus.Ended => "inactive",
            _ => "active",
        };
        Put(service, "fees_description", FeesDescription(activity.Cost));
        Put(service, "minimum_age", activity.MinimumAge);
        Put(service, "maximum_age", activity.MaximumAge);
        Put(service, "assured_date", activity.LastVerifiedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        service["last_modified"] = Moment(activity.ModifiedAt);
        if (providers.TryGetValue(provider, out var organization))
        {
            service["organization"] = organization.DeepClone();
        }

        return service;
    }

    private static JsonObject ServiceAtLocation(Activity activity, Dictionary<Guid, string> municipalities, JsonObject? service)
    {
        var location = activity.Location!;
        var locationId = HsdsIds.Of(activity.Id, HsdsIds.Part.Location);
        var street = string.Join(' ', new[] { location.Street, location.HouseNumber }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var place = new JsonObject
        {
            ["id"] = locationId.ToString("D"),
            ["location_type"] = "physical",
            ["name"] = street.Length > 0 ? $"{street}, {location.Place}" : location.Place,
        };
        Put(place, "latitude", (double?)location.Latitude);
        Put(place, "longitude", (double?)location.Longitude);
        var addresses = new JsonArray();
        // HSDS requires a first line and a postal code: an address without them is a location without an address.
        if (street.Length > 0 && location.Postcode is { } postcode)
        {
            var address = new JsonObject
            {
                ["id"] = HsdsIds.Of(activity.Id, HsdsIds.Part.Address).ToString("D"),
                ["location_id"] = locationId.ToString("D"),
                ["address_1"] = street,
                ["city"] = location.Place,
            };
            Put(address, "region", municipalities.GetValueOrDefault(activity.MunicipalityId));
            address["state_province"] = string.Empty; // required by HSDS; a Dutch address names no province, and we hold none
            address["postal_code"] = postcode.Value;
            address["country"] = "NL";
            address["address_type"] = "physical";
            addresses.Add(address);
        }

        place["addresses"] = addresses;
        var item = new JsonObject
        {
            ["id"] = HsdsIds.Of(activity.Id, HsdsIds.Part.ServiceAtLocation).ToString("D"),
            ["service_id"] = activity.Id.ToString("D"),
            ["location_id"] = locationId.ToString("D"),
            ["location"] = place,
        };
        if (service is not null)
        {
            item["service"] = service;
        }

        return item;
    }

    private static JsonArray Schedules(Activity activity, bool serviceAtLocation)
    {
        var s = activity.Schedule;
        if (s.StartsOn is null && s.EndsOn is null && s.StartTime is null && s.EndTime is null && s.Kind != ScheduleKind.Recurring)
        {
            return [];
        }

        var schedule = new JsonObject { ["id"] = HsdsIds.Of(activity.Id, HsdsIds.Part.Schedule).ToString("D") };
        if (serviceAtLocation)
        {
            schedule["service_at_location_id"] = HsdsIds.Of(activity.Id, HsdsIds.Part.ServiceAtLocation).ToString("D");
        }
        else
        {
            schedule["service_id"] = activity.Id.ToString("D");
        }

        Put(schedule, "valid_from", Day(s.StartsOn));
        Put(schedule, "valid_to", Day(s.EndsOn));
        Put(schedule, "dtstart", Day(s.StartsOn));
        if (s.Kind == ScheduleKind.Recurring)
        {
            schedule["freq"] = "WEEKLY";
            schedule["interval"] = 1;
            schedule["wkst"] = "MO";
            Put(schedule, "byday", s.Weekday is { } day ? ByDay[(int)day - 1] : null);
            Put(schedule, "until", Day(s.EndsOn));
        }
        else if (s.Kind == ScheduleKind.OneOff)
        {
            schedule["count"] = 1;
        }

        Put(schedule, "opens_at", s.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture));
        Put(schedule, "closes_at", s.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture));
        schedule["description"] = ScheduleText(s);
        if (s.StartTime is not null || s.EndTime is not null)
        {
            schedule["notes"] = "Times are local times in the Netherlands (Europe/Amsterdam).";
        }

        return [schedule];
    }

    private static readonly string[] ByDay = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    private static string ScheduleText(ActivitySchedule s)
    {
        var times = s.StartTime is { } from ? $", {from:HH\\:mm}" + (s.EndTime is { } until ? $"–{until:HH\\:mm}" : string.Empty) : string.Empty;
        var period = (s.StartsOn, s.EndsOn) switch
        {
            ({ } a, { } b) => $" from {Day(a)} to {Day(b)}",
            ({ } a, null) => $" from {Day(a)}",
            (null, { } b) => $" until {Day(b)}",
            _ => string.Empty,
        };
        return s.Kind switch
        {
            ScheduleKind.OneOff => s.EndsOn is { } last && last != s.StartsOn ? $"Once, from {Day(s.StartsOn)} to {Day(last)}{times}" : $"Once, on {Day(s.StartsOn)}{times}",
            ScheduleKind.Recurring => $"Weekly{(s.Weekday is { } d ? $" on {d}" : string.Empty)}{times}{period}",
            _ => $"Continuously{period}{times}",
        };
    }

    private static JsonArray CostOptions(Activity activity)
    {
        if (activity.Cost is not { } cost || (!cost.IsFree && cost.FeeCents is null))
        {
            return [];
        }

        var option = new JsonObject
        {
            ["id"] = HsdsIds.Of(activity.Id, HsdsIds.Part.CostOption).ToString("D"),
            ["service_id"] = activity.Id.ToString("D"),
            ["option"] = cost.IsFree ? "Free" : "Fee",
            ["currency"] = "EUR",
            ["amount"] = cost.IsFree ? 0m : cost.FeeCents!.Value / 100m,
        };
        Put(option, "amount_description", cost.FeeDescription);
        return [option];
    }

    private static string? FeesDescription(ActivityCost? cost) => cost switch
    {
        null => null,
        { IsFree: true } => string.IsNullOrWhiteSpace(cost.FeeDescription) ? "Free." : $"Free. {cost.FeeDescription}",
        { FeeCents: { } cents } => $"EUR {(cents / 100m).ToString("0.00", CultureInfo.InvariantCulture)}" + (string.IsNullOrWhiteSpace(cost.FeeDescription) ? "." : $": {cost.FeeDescription}"),
        _ => cost.FeeDescription,
    };

    private static JsonObject Attribute(Guid activity, TermRow term, Guid taxonomy) => new()
    {
        ["id"] = HsdsIds.Link("attribute", activity, term.Id).ToString("D"),
        ["link_id"] = activity.ToString("D"),
        ["link_entity"] = "service",
        ["taxonomy_term_id"] = term.Id.ToString("D"),
        ["taxonomy_term"] = Term(term, taxonomy),
    };

    private static JsonObject ServiceArea(Guid activity, PlaceLink place)
    {
        var area = new JsonObject
        {
            ["id"] = HsdsIds.Link("service_area", activity, place.NeighbourhoodId).ToString("D"),
            ["service_id"] = activity.ToString("D"),
            ["name"] = place.Name,
        };
        var level = place.Level == Geography.RegionLevel.District ? "wijk (district)" : "buurt (neighbourhood)";
        // The CBS code as a textual extent, as our HSDS import reads it back; a region without a code has its name only.
        if (place.CbsCode is { } code)
        {
            area["description"] = $"CBS {level} {code}" + (place.CbsCodeYear is { } year ? $" (region file {year})" : string.Empty);
            area["extent"] = code;
            area["extent_type"] = "text";
        }
        else
        {
            area["description"] = $"A {level} without a CBS code.";
        }

        return area;
    }

    private static JsonObject Language(Guid activity, string code)
    {
        var language = new JsonObject
        {
            ["id"] = HsdsIds.Link("language", activity, code).ToString("D"),
            ["service_id"] = activity.ToString("D"),
        };
        Put(language, "name", LanguageName(code));
        language["code"] = code;
        return language;
    }

    private static string? LanguageName(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code, predefinedOnly: true);
            return culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static JsonObject Organization(OrganisationRow o)
    {
        var item = new JsonObject
        {
            ["id"] = o.Id.ToString("D"),
            ["name"] = o.Name,
            ["description"] = o.Description ?? string.Empty,
        };
        // Only values the schema's formats accept: a general address (never a person's, as on /graphql) and an absolute web URL.
        Put(item, "email", o.Email is { } email && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal) ? email : null);
        Put(item, "website", o.Website is { } site && Uri.TryCreate(site, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? site : null);
        Put(item, "parent_organization_id", o.ParentId?.ToString("D"));
        return item;
    }

    private static JsonObject Organization(InitiativeRow i) => new()
    {
        ["id"] = i.Id.ToString("D"),
        ["name"] = i.Name,
        ["description"] = i.Description ?? string.Empty,
        ["legal_status"] = "Residents' initiative (bewonersinitiatief)",
    };

    public static JsonObject Page(HsdsRequest request, int total, JsonArray contents)
    {
        var pages = (int)((total + (long)request.PerPage - 1) / request.PerPage);
        return new JsonObject
        {
            ["total_items"] = total,
            ["total_pages"] = pages,
            ["page_number"] = request.Page,
            ["size"] = contents.Count,
            ["first_page"] = request.Page == 1,
            ["last_page"] = request.Page >= pages,
            ["empty"] = contents.Count == 0,
            ["contents"] = contents,
        };
    }

    private static string Moment(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // HSDS's fields are plain types, never null: an unknown value is left out.
    private static void Put(JsonObject item, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            item[name] = value;
        }
    }

    private static void Put(JsonObject item, string name, int? value)
    {
        if (value is { } v)
        {
            item[name] = v;
        }
    }

    private static void Put(JsonObject item, string name, double? value)
    {
        if (value is { } v)
        {
            item[name] = v;
        }
    }

    private static ILookup<Guid, T> EmptyLookup<T>() => Array.Empty<(Guid, T)>().ToLookup(p => p.Item1, p => p.Item2);

    private sealed record OrganisationRow(Guid Id, string Name, string? Description, string? Email, string? Website, Guid? ParentId);

    private sealed record InitiativeRow(Guid Id, string Name, string? Description);

    private sealed record TermLink(Guid ActivityId, TermRow Term);

    private sealed record PlaceLink(Guid ActivityId, Guid NeighbourhoodId, string Name, Geography.RegionLevel Level, string? CbsCode, int? CbsCodeYear);

    private sealed record TermRow(Guid Id, string Code, string Name, string? Description, Guid? ParentId)
    {
        public static System.Linq.Expressions.Expression<Func<T, TermRow>> Of<T>()
            where T : TaxonomyTerm => t => new TermRow(t.Id, t.Code, t.NameNl, t.Description, t.ParentId);
    }
}
