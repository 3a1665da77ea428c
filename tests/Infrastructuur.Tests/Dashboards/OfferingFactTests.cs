using System.Globalization;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// The offering facts and the count facts the database keeps (ADR 0019, ADR 0025) after any sequence of writes equal a
/// rebuild from scratch, and the figures read from them equal the figures computed from the records, for every calendar
/// year of the window.
/// </summary>
public abstract class OfferingFactTests(Func<TestApp> app)
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Kept_facts_equal_a_rebuild_and_the_figures_from_the_records_after_random_writes(int seed)
    {
        var w = await DashboardWorld.CreateAsync(app());
        var random = new Random(seed);
        var log = new List<string>();
        for (var step = 0; step < 80; step++)
        {
            log.Add(await RandomWriteAsync(w, random));
        }

        var why = string.Join("; ", log);

        // What a reader does first: take along the writes made by hand since the last save (incrementally, not a rebuild).
        await using (var db = await app().OpenDbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await OfferingFacts.CatchUpAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var kept = await SnapshotAsync();
        await using (var db = await app().OpenDbAsync())
        {
            var window = await db.Set<OfferingFactWindow>().SingleAsync(x => x.Id == OfferingFacts.WindowId);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await OfferingFacts.CatchUpAsync(db, CancellationToken.None, window: (window.FirstYear, window.LastYear));
            await transaction.CommitAsync();
        }

        var rebuilt = await SnapshotAsync();
        Assert.True(kept.Count > 0, "no facts were kept");
        Assert.True(kept.SequenceEqual(rebuilt), $"kept and rebuilt facts differ after: {why}\n{Difference(kept, rebuilt)}");
        await AssertFiguresEqualRecordsAsync(w, why);
    }

    [SkippableFact]
    public async Task A_write_by_hand_in_SQL_shows_in_the_next_dashboard_answer()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "baseline { totals { activities capacity } }";
        var before = await w.DashboardAsync(app(), selection);
        Assert.Equal(4, before["baseline"]!["totals"]!["activities"]!.GetValue<int>()); // X1, X2, X3, X5 ran in 2025 (fixture)

        // No SaveChanges: the triggers note the activity and the next reader catches the facts up.
        await using (var db = await app().OpenDbAsync())
        {
            var x5 = w.Activities["X5"].Id;
            await db.Activities.Where(a => a.Id == x5).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ActivityStatus.Draft));
        }

        var after = await w.DashboardAsync(app(), selection);
        Assert.Equal(3, after["baseline"]!["totals"]!["activities"]!.GetValue<int>());
        Assert.Equal(before["baseline"]!["totals"]!["capacity"].Long() - 15, after["baseline"]!["totals"]!["capacity"].Long());
    }

    [SkippableFact]
    public async Task Overlap_providers_read_from_the_facts_equal_those_from_the_records()
    {
        var w = await DashboardWorld.CreateAsync(app());
        // More providers in one cell (T × G × B1, 2025) than a client may list, some of them named alike once folded (a tie
        // broken by ID) and one without a running activity elsewhere: the first ones by name must be the same either way.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using (var db = await app().OpenDbAsync())
        {
            var (theme, group, region) = (w.Themes["T"].Id, w.Groups["G"].Id, w.Regions["B1"].Id);
            for (var i = 0; i < OverlapType.MaxProviders + 20; i++)
            {
                var name = (i % 3) switch { 0 => $"Zorg {i % 7} {suffix}", 1 => $"zorg {i % 7} {suffix}", _ => $"Älpha {i:D3} {suffix}" };
                var byInitiative = i % 4 == 0;
                var activity = new Activity
                {
                    Name = $"Overlap {i} {suffix}",
                    Status = ActivityStatus.Active,
                    MunicipalityId = w.Municipality.Id,
                    ProviderOrganisation = byInitiative ? null : new Organisation { Name = name, Kind = OrganisationKind.Welfare },
                    ProviderInitiative = byInitiative ? new Initiative { Name = name, Status = InitiativeStatus.Active, MunicipalityId = w.Municipality.Id, StartedOn = new(2024, 1, 1) } : null,
                    Schedule = ActivitySchedule.Period(new(2025, 2, 1), new(2025, 11, 30)),
                    Themes = [await db.Themes.SingleAsync(t => t.Id == theme)],
                    TargetGroups = [await db.TargetGroups.SingleAsync(g => g.Id == group)],
                    Neighbourhoods = [await db.Neighbourhoods.SingleAsync(n => n.Id == region)],
                };
                db.Add(activity);
            }

            await db.SaveChangesAsync();
        }

        await using (var db = await app().OpenDbAsync())
        {
            var scope = new Scope(w.Municipality.Id, null, null, [.. w.Regions.Values.Select(r => r.Id)], new(2025, 1, 1), new(2025, 12, 31), false);
            Assert.NotNull(await FactReader.ForAsync(db, scope, CancellationToken.None));
            var cells = await Baseline.OverlapCellsAsync(db, scope, await OfferingCells.ComputeFromRecordsAsync(db, scope, default), default);
            var fromRecords = await Baseline.OverlapsFromRecordsAsync(db, scope, cells, default);
            var fromFacts = await Baseline.OverlapsAsync(db, scope, cells, default);
            Assert.Equal(OverlapType.MaxProviders + 23, fromRecords[0].ProviderCount); // the new ones, O1, O3 (X5) and I1 (X2)
            Assert.Equal(OverlapType.MaxProviders, fromRecords[0].Providers.Count);
            Assert.Equal(Overlaps(fromRecords), Overlaps(fromFacts));
        }
    }

    [SkippableFact]
    public async Task Grouped_counts_from_the_facts_follow_deletes_of_the_smallest_and_largest_capacity()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ids = new Dictionary<int, Guid>();
        await using (var db = await app().OpenDbAsync())
        {
            foreach (var capacity in new[] { 1, 500, 999 })
            {
                var activity = new Activity
                {
                    Name = $"Capaciteit {capacity} {suffix}",
                    Status = ActivityStatus.Active,
                    MunicipalityId = w.Municipality.Id,
                    ProviderOrganisationId = w.Organisations["O2"].Id,
                    Schedule = ActivitySchedule.Period(new(2025, 2, 10), new(2025, 3, 31)),
                    Capacity = capacity,
                    Themes = [await db.Themes.SingleAsync(t => t.Id == w.Themes["T"].Id)],
                    TargetGroups = [await db.TargetGroups.SingleAsync(g => g.Id == w.Groups["G"].Id)],
                    Neighbourhoods = [await db.Neighbourhoods.SingleAsync(n => n.Id == w.Regions["B3"].Id)],
                };
                db.Add(activity);
                await db.SaveChangesAsync();
                ids[capacity] = activity.Id;
            }
        }

        var before = await FirstQuarterOfThemeTAsync(w);
        Assert.Equal(1, before["capacity"]!["min"]!.GetValue<int>());
        Assert.Equal(999, before["capacity"]!["max"]!.GetValue<int>());

        // The smallest through SaveChanges, the largest by hand in SQL (the next reader catches the facts up).
        await using (var db = await app().OpenDbAsync())
        {
            db.Activities.Remove(await db.Activities.SingleAsync(a => a.Id == ids[1]));
            await db.SaveChangesAsync();
            await db.Activities.Where(a => a.Id == ids[999]).ExecuteDeleteAsync();
        }

        var after = await FirstQuarterOfThemeTAsync(w);
        Assert.Equal(before["count"]!.GetValue<int>() - 2, after["count"]!.GetValue<int>());
        Assert.InRange(after["capacity"]!["min"]!.GetValue<int>(), 2, 500);
        Assert.InRange(after["capacity"]!["max"]!.GetValue<int>(), 500, 998);

        // And every grouping, for the municipality and the area holding B3, equals the records.
        await using (var db = await app().OpenDbAsync())
        {
            var a2 = w.Areas["A2"].Id;
            foreach (var place in new[] { new Place(w.Municipality.Id, null, null, [.. w.Regions.Values.Select(r => r.Id)]), new Place(w.Municipality.Id, a2, null, await db.Neighbourhoods.Where(Filters.InOrBelowArea(a2)).Select(n => n.Id).ToListAsync()) })
            foreach (var groupBy in CountGroupings)
            {
                var (records, facts) = await CountsBothWaysAsync(db, place, new(2025, 1, 1), new(2025, 12, 31), groupBy);
                Assert.True(records == facts, $"counts by [{string.Join(", ", groupBy)}] ({place.AreaId}) differ\nrecords: {records}\nfacts:   {facts}");
            }
        }
    }

    /// <summary>The row of theme T in 2025-Q1 of counts(of: ACTIVITIES, groupBy: [THEME, QUARTER]) for the municipality in 2025, over HTTP.</summary>
    private async Task<JsonNode> FirstQuarterOfThemeTAsync(DashboardWorld w)
    {
        var response = await app().QueryAsync(
            $"{{ counts(of: ACTIVITIES, groupBy: [THEME, QUARTER], filterBy: {{ municipality: \"{w.Id(w.Municipality)}\", from: \"2025-01-01\", to: \"2025-12-31\" }}) {{ keys {{ value }} count capacity {{ min max }} }} }}");
        response.AssertOk();
        return response.Data!["counts"]!.AsArray().Single(r => r!["keys"]![0]!["value"]!.GetValue<string>() == w.Id(w.Themes["T"]) && r["keys"]![1]!["value"]!.GetValue<string>() == "2025-Q1")!;
    }

    private static string Overlaps(List<Overlap> list) =>
        string.Join("\n", list.Select(o => $"{o.ThemeId} {o.TargetGroupId} {o.NeighbourhoodId} {o.Activities} {o.ProviderCount}: {string.Join(", ", o.Providers.Select(p => p.Id))}"));

    private async Task<string> RandomWriteAsync(DashboardWorld w, Random random)
    {
        await using var db = await app().OpenDbAsync();
        var activityIds = await db.Activities.Where(a => a.MunicipalityId == w.Municipality.Id).Select(a => a.Id).OrderBy(id => id).ToListAsync();
        var regions = w.Regions.Values.Select(r => r.Id).ToList();
        var themes = w.Themes.Values.Select(t => t.Id).ToList();
        var groups = w.Groups.Values.Select(g => g.Id).ToList();
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];
        DateOnly Day() => new DateOnly(2021, 1, 1).AddDays(random.Next(8 * 365));
        int? Capacity() => random.Next(3) == 0 ? null : random.Next(1, 50);
        ActivitySchedule Schedule()
        {
            var start = Day();
            return random.Next(4) switch
            {
                0 => new ActivitySchedule { Kind = ScheduleKind.OneOff, StartsOn = start },
                1 => ActivitySchedule.Period(start, start.AddDays(random.Next(0, 900))),
                2 => ActivitySchedule.Period(random.Next(4) == 0 ? null : start, null),
                _ => ActivitySchedule.Weekly(Weekday.Tuesday, new(9, 0), new(10, 0), start),
            };
        }

        var op = activityIds.Count == 0 ? 0 : random.Next(13);
        var id = activityIds.Count == 0 ? Guid.Empty : Pick(activityIds);
        Task<Activity> Tracked() => db.Activities.Include(a => a.Themes).Include(a => a.TargetGroups).Include(a => a.Neighbourhoods).SingleAsync(a => a.Id == id);
        switch (op)
        {
            case 0:
            {
                var byInitiative = random.Next(2) == 0;
                var tagThemes = themes.Take(random.Next(4)).ToList();
                var tagGroups = groups.Skip(random.Next(3)).Take(random.Next(3)).ToList();
                var tagRegions = regions.Skip(random.Next(6)).Take(random.Next(3)).ToList();
                var activity = new Activity
                {
                    Name = $"Willekeurig {Guid.NewGuid():N}",
                    Status = Pick(Enum.GetValues<ActivityStatus>()),
                    MunicipalityId = w.Municipality.Id,
                    ProviderOrganisationId = byInitiative ? null : Pick(w.Organisations.Values.Select(o => o.Id).ToList()),
                    ProviderInitiativeId = byInitiative ? Pick(w.Initiatives.Values.Select(i => i.Id).ToList()) : null,
                    Schedule = Schedule(),
                    Capacity = Capacity(),
                    LastVerifiedOn = random.Next(2) == 0 ? null : Day(),
                    Themes = [.. await db.Themes.Where(t => tagThemes.Contains(t.Id)).ToListAsync()],
                    TargetGroups = [.. await db.TargetGroups.Where(g => tagGroups.Contains(g.Id)).ToListAsync()],
                    Neighbourhoods = [.. await db.Neighbourhoods.Where(n => tagRegions.Contains(n.Id)).ToListAsync()],
                };
                db.Add(activity);
                await db.SaveChangesAsync();
                return "add activity";
            }

            case 1:
            {
                var a = await Tracked();
                a.Status = Pick(Enum.GetValues<ActivityStatus>());
                await db.SaveChangesAsync();
                return $"status {a.Status}";
            }

            case 2:
            {
                var a = await Tracked();
                a.Schedule = Schedule();
                a.Capacity = Capacity();
                a.LastVerifiedOn = random.Next(2) == 0 ? null : Day();
                await db.SaveChangesAsync();
                return "schedule";
            }

            case 3:
            {
                var a = await Tracked();
                var theme = Pick(themes);
                if (a.Themes.RemoveAll(t => t.Id == theme) == 0)
                {
                    a.Themes.Add(await db.Themes.SingleAsync(t => t.Id == theme));
                }

                var group = Pick(groups);
                if (a.TargetGroups.RemoveAll(g => g.Id == group) == 0)
                {
                    a.TargetGroups.Add(await db.TargetGroups.SingleAsync(g => g.Id == group));
                }

                await db.SaveChangesAsync();
                return "tags";
            }

            case 4:
            {
                var a = await Tracked();
                var region = Pick(regions);
                if (a.Neighbourhoods.RemoveAll(n => n.Id == region) == 0)
                {
                    a.Neighbourhoods.Add(await db.Neighbourhoods.SingleAsync(n => n.Id == region));
                }

                await db.SaveChangesAsync();
                return "region";
            }

            case 5:
            {
                var start = Day();
                db.ReachRecords.Add(new ReachRecord
                {
                    ActivityId = id,
                    PeriodStart = start,
                    PeriodEnd = start.AddDays(random.Next(0, 500)),
                    TargetGroupId = random.Next(2) == 0 ? null : Pick(groups),
                    NeighbourhoodId = random.Next(2) == 0 ? null : Pick(regions),
                    Count = random.Next(1, 100),
                    CountingMethod = CountingMethod.Headcount,
                });
                await db.SaveChangesAsync();
                return "add reach";
            }

            case 6:
            {
                var record = await db.ReachRecords.Where(r => activityIds.Contains(r.ActivityId)).OrderBy(r => r.Id).FirstOrDefaultAsync();
                if (record is null)
                {
                    return "no reach to change";
                }

                if (random.Next(2) == 0)
                {
                    db.ReachRecords.Remove(record);
                }
                else
                {
                    record.Count = random.Next(1, 100);
                    record.PeriodStart = Day();
                    record.PeriodEnd = record.PeriodStart.AddDays(random.Next(0, 500));
                }

                await db.SaveChangesAsync();
                return "change reach";
            }

            case 7:
            {
                var chosen = Pick(w.Initiatives.Values.Select(x => x.Id).ToList());
                var initiative = await db.Initiatives.SingleAsync(i => i.Id == chosen);
                initiative.Status = initiative.Status == InitiativeStatus.Draft ? InitiativeStatus.Active : InitiativeStatus.Draft;
                await db.SaveChangesAsync();
                return $"initiative {initiative.Status}";
            }

            case 8:
            {
                // Bypasses SaveChanges; the next write's catch-up (or the reader) takes the noted activity along.
                await db.Activities.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Capacity, 7));
                return "capacity by hand";
            }

            case 9:
            {
                var a = await Tracked();
                var byInitiative = a.ProviderOrganisationId is not null;
                a.ProviderOrganisationId = byInitiative ? null : Pick(w.Organisations.Values.Select(o => o.Id).ToList());
                a.ProviderInitiativeId = byInitiative ? Pick(w.Initiatives.Values.Select(i => i.Id).ToList()) : null;
                await db.SaveChangesAsync();
                return "provider";
            }

            case 11 when random.Next(4) == 0:
            {
                // A region put in or taken out of a working area: the areas' facts are rebuilt.
                var areaId = w.Areas["A2"].Id;
                var area = await db.Areas.Include(x => x.Neighbourhoods).SingleAsync(x => x.Id == areaId);
                var region = Pick(regions);
                if (area.Neighbourhoods.RemoveAll(n => n.Id == region) == 0)
                {
                    area.Neighbourhoods.Add(await db.Neighbourhoods.SingleAsync(n => n.Id == region));
                }

                await db.SaveChangesAsync();
                return "area";
            }

            case 12:
            {
                // A provider's kind is a key of the count facts (PROVIDER_KIND): a trigger notes its activities.
                var chosen = Pick(w.Organisations.Values.Select(o => o.Id).ToList());
                var organisation = await db.Organisations.SingleAsync(o => o.Id == chosen);
                organisation.Kind = Pick(Enum.GetValues<OrganisationKind>());
                await db.SaveChangesAsync();
                return $"kind {organisation.Kind}";
            }

            case 10:
            {
                // A signal, answered by one of the activities or not (needs versus offering counts the responses).
                var signalThemes = themes.Skip(random.Next(3)).Take(1 + random.Next(2)).ToList();
                var signal = new Signal
                {
                    ObservedOn = Day(),
                    NeighbourhoodId = Pick(regions),
                    MunicipalityId = w.Municipality.Id,
                    Themes = [.. await db.Themes.Where(t => signalThemes.Contains(t.Id)).ToListAsync()],
                    TargetGroupId = random.Next(3) == 0 ? null : Pick(groups),
                    ReportedByResident = true,
                    UnderlyingThemeId = random.Next(4) == 0 ? Pick(themes) : null,
                };
                if (random.Next(3) > 0)
                {
                    signal.Responses = [new SignalResponse { ActivityId = id }];
                }

                db.Signals.Add(signal);
                await db.SaveChangesAsync();
                return "signal";
            }

            default:
            {
                // Only activities this test added: the fixture's are referenced by signals.
                var added = await db.Activities.Where(a => a.MunicipalityId == w.Municipality.Id && a.Name.StartsWith("Willekeurig")).Select(a => a.Id).OrderBy(x => x).ToListAsync();
                if (added.Count == 0)
                {
                    return "nothing to delete";
                }

                id = Pick(added);
                await db.ReachRecords.Where(r => r.ActivityId == id).ExecuteDeleteAsync();
                await db.SignalResponses.Where(r => r.ActivityId == id).ExecuteDeleteAsync();
                db.Activities.Remove(await Tracked());
                await db.SaveChangesAsync();
                return "delete";
            }
        }
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = await app().OpenDbAsync();
        var facts = await db.Set<OfferingFact>().AsNoTracking().ToListAsync();
        var support = await db.Set<OfferingSupport>().AsNoTracking().ToListAsync();
        var counts = await db.Set<CountFact>().AsNoTracking().ToListAsync();
        var capacities = await db.Set<CountCapacity>().AsNoTracking().ToListAsync();
        return [.. facts.Select(f => $"F {f.Municipality} {f.Year} {f.Theme} {f.Group} {f.Region}: {f.Activities} {f.Capacity} {f.WithCapacity} {f.Verified} {f.Reach} {f.Organisations} {f.Initiatives}")
            .Concat(support.Select(s => $"S {s.Municipality} {s.Year} {s.Theme} {s.Group} {s.Region} {s.Provider}: {s.Initiative} {s.Activities}"))
            .Concat(counts.Select(c => $"C {c.Scope} {c.Shape} {c.Theme} {c.Group} {c.Region} {c.Area} {c.Kind} {c.StartMonth} {c.EndMonth}: {c.Activities} {c.WithCapacity} {c.Capacity} {c.MinCapacity} {c.MaxCapacity}"))
            .Concat(capacities.Select(c => $"V {c.Scope} {c.Shape} {c.Theme} {c.Group} {c.Region} {c.Area} {c.Kind} {c.StartMonth} {c.EndMonth} {c.Capacity}: {c.Activities}"))
            .Order(StringComparer.Ordinal)];
    }

    private static string Difference(List<string> kept, List<string> rebuilt) =>
        $"kept only: {string.Join(" | ", kept.Except(rebuilt).Take(10))}\nrebuilt only: {string.Join(" | ", rebuilt.Except(kept).Take(10))}";

    private async Task AssertFiguresEqualRecordsAsync(DashboardWorld w, string why)
    {
        await using var db = await app().OpenDbAsync();
        var window = await db.Set<OfferingFactWindow>().SingleAsync(x => x.Id == OfferingFacts.WindowId);
        // The whole municipality and each working area (an area has facts of its own above the region grain).
        var places = new List<(string Name, Guid? Area, List<Guid> Regions)> { ("municipality", null, [.. w.Regions.Values.Select(r => r.Id)]) };
        foreach (var (name, area) in w.Areas)
        {
            places.Add((name, area.Id, await db.Neighbourhoods.Where(Filters.InOrBelowArea(area.Id)).Select(n => n.Id).ToListAsync()));
        }

        foreach (var (place, area, regions) in places)
        for (var year = window.FirstYear; year <= window.LastYear; year++)
        {
            var scope = new Scope(w.Municipality.Id, area, null, regions, new(year, 1, 1), new(year, 12, 31), false);
            Assert.NotNull(await FactReader.ForAsync(db, scope, CancellationToken.None));
            void Same(string what, string records, string facts) =>
                Assert.True(records == facts, $"{what} {year} ({place}) from the records and from the facts differ after: {why}\nrecords: {records}\nfacts:   {facts}");
            Same("totals", (await Baseline.TotalsFromRecordsAsync(db, scope, default)).ToString(), (await Baseline.TotalsAsync(db, scope, default)).ToString());
            Same(
                "cells",
                Text((await Baseline.CellsFromRecordsAsync(db, scope, default)).Select(c => $"{c.ThemeId} {c.TargetGroupId} {c.Figures}")),
                Text((await Baseline.CellsAsync(db, scope, default)).Select(c => $"{c.ThemeId} {c.TargetGroupId} {c.Figures}")));
            Same("offering cells", Text((await OfferingCells.ComputeFromRecordsAsync(db, scope, default)).Select(c => c.ToString())), Text((await OfferingCells.ComputeAsync(db, scope, default)).Select(c => c.ToString())));
            Same(
                "needs versus offering",
                Text((await NeedsVersusOffering.ComputeFromRecordsAsync(db, scope, 3, default)).Cells.Select(c => c.ToString())),
                Text((await NeedsVersusOffering.ComputeAsync(db, scope, 3, default)).Cells.Select(c => c.ToString())));
            Same("ran by theme", Text((await AnnualReview.RanByThemeFromRecordsAsync(db, scope, default)).Select(c => c.ToString())), Text((await AnnualReview.RanByThemeAsync(db, scope, default)).Select(c => c.ToString())));

            // Every overlap with its count and its first providers in order, the providers read from the support rows.
            var overlapCells = await Baseline.OverlapCellsAsync(db, scope, await OfferingCells.ComputeFromRecordsAsync(db, scope, default), default);
            var fromRecords = await Baseline.OverlapsFromRecordsAsync(db, scope, overlapCells, default);
            Assert.All(fromRecords, o => Assert.Equal(Math.Min(o.ProviderCount, OverlapType.MaxProviders), o.Providers.Count));
            Same("overlaps", Overlaps(fromRecords), Overlaps(await Baseline.OverlapsAsync(db, scope, overlapCells, default)));

            // Query.counts of activities, read from the count facts, for groupings of every dimension.
            var counted = new Place(w.Municipality.Id, area, null, regions);
            foreach (var groupBy in CountGroupings)
            {
                var (records, facts) = await CountsBothWaysAsync(db, counted, new(year, 1, 1), new(year, 12, 31), groupBy);
                Same($"counts by [{string.Join(", ", groupBy)}]", records, facts);
            }
        }

        // The count facts answer any run of whole months, in or out of the window: a quarter, a month, a winter across the
        // turn of a year, everything from a month on, up to a month, and no period at all.
        var first = window.FirstYear;
        (DateOnly? From, DateOnly? To)[] periods =
        [
            (new(first + 1, 4, 1), new(first + 1, 6, 30)), (new(first + 2, 2, 1), new(first + 2, 2, DateTime.DaysInMonth(first + 2, 2))),
            (new(first, 11, 1), new(first + 1, 2, DateTime.DaysInMonth(first + 1, 2))), (new(first + 1, 7, 1), null), (null, new(first, 9, 30)), (null, null),
            (new(first - 5, 1, 1), new(first - 5, 12, 31)),
        ];
        foreach (var (place, area, regions) in places)
        foreach (var (from, to) in periods)
        foreach (var groupBy in CountGroupings)
        {
            var (records, facts) = await CountsBothWaysAsync(db, new Place(w.Municipality.Id, area, null, regions), from, to, groupBy);
            Assert.True(records == facts, $"counts by [{string.Join(", ", groupBy)}] {from}..{to} ({place}) from the records and from the facts differ after: {why}\nrecords: {records}\nfacts:   {facts}");
        }
    }

    /// <summary>Groupings of Query.counts the tests compare: every dimension of ACTIVITIES, alone and with others, up to three.</summary>
    private static readonly CountDimension[][] CountGroupings =
    [
        [],
        [CountDimension.Theme, CountDimension.Quarter],
        [CountDimension.Neighbourhood],
        [CountDimension.Area, CountDimension.ProviderKind],
        [CountDimension.Theme, CountDimension.TargetGroup, CountDimension.Neighbourhood],
        [CountDimension.TargetGroup, CountDimension.Month],
        [CountDimension.Year, CountDimension.Neighbourhood, CountDimension.Area],
        [CountDimension.ProviderKind, CountDimension.Quarter, CountDimension.Theme],
        [CountDimension.Neighbourhood, CountDimension.Quarter],
    ];

    /// <summary>Query.counts of activities of a place in a period of whole months, from the records and from the facts (which must answer), as text.</summary>
    private static async Task<(string Records, string Facts)> CountsBothWaysAsync(InfrastructuurDb db, Place place, DateOnly? from, DateOnly? to, CountDimension[] groupBy)
    {
        var request = new GroupedCounts.Request(CountSubject.Activities, groupBy, place, from, to, null, true, 5);
        var facts = await GroupedCounts.ComputeFromFactsAsync(db, request, CultureInfo.InvariantCulture, default);
        Assert.NotNull(facts);
        var records = await GroupedCounts.ComputeFromRecordsAsync(db, request, CultureInfo.InvariantCulture, default);
        return (CountText(records), CountText(facts));
    }

    private static string CountText(List<CountRow> rows) =>
        Text(rows.Select(r => $"{string.Join(" ", r.Keys.Select(k => $"{k.Dimension}={k.Value}/{k.Label}"))}: {r.Count} {r.Suppressed} {r.Measure}"));

    private static string Text(IEnumerable<string> rows) => string.Join("\n", rows.Order(StringComparer.Ordinal));
}

public sealed class SqliteOfferingFactTests(SqliteAppFixture fixture) : OfferingFactTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOfferingFactTests(PostgresAppFixture fixture) : OfferingFactTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
