using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// A volume fixture for the dashboard benchmark (bench/results-dashboards.md), not a test: with DASHBOARD_VOLUME_DB set
/// to a SQLite file path it writes the demo data plus one municipality, "Volumestad" (GM9990), with 100,000 activities
/// and proportionate signals, network and money into that file (once; an existing file is left alone). Skipped
/// otherwise. The synthetic data set of the benchmark replaces it once it is on main.
/// </summary>
public sealed class DashboardVolume
{
    public const string Code = "GM9990";

    private const int Activities = 100_000;
    private const int Batch = 5_000;

    [SkippableFact]
    public async Task Write_the_volume_data_set()
    {
        var path = Environment.GetEnvironmentVariable("DASHBOARD_VOLUME_DB");
        Skip.If(string.IsNullOrEmpty(path), "Set DASHBOARD_VOLUME_DB to a SQLite file path to write the dashboard volume data set.");
        Skip.If(File.Exists(path), $"{path} exists already.");
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Database:SqlitePath"] = path });
        var random = new Random(20251231);
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];
        List<T> Some<T>(IReadOnlyList<T> list, int min, int max) => [.. list.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1))];
        DateOnly Day(int fromYear, int toYear) => new DateOnly(fromYear, 1, 1).AddDays(random.Next((toYear - fromYear + 1) * 365));

        await using var db = await app.OpenDbAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var m = new Municipality { Name = "Volumestad (demo)", CbsCode = Code };
        var districts = Enumerable.Range(1, 8).Select(d => new Neighbourhood { Name = $"Wijk {d} (volume)", Level = RegionLevel.District, Municipality = m }).ToList();
        var buurten = districts.SelectMany((d, i) => Enumerable.Range(1, 10).Select(b => new Neighbourhood { Name = $"Buurt {i + 1}.{b} (volume)", Level = RegionLevel.Neighbourhood, Municipality = m, Parent = d })).ToList();
        var areas = districts.Select((d, i) => new Area { Name = $"Gebied {i + 1} (volume)", Municipality = m, Neighbourhoods = [d] }).ToList();
        var themes = await db.Themes.ToListAsync();
        for (var t = 1; t <= 25; t++)
        {
            var theme = new Theme { Code = $"volume-{t}", NameNl = $"Thema {t} (volume)", NameEn = $"Theme {t} (volume)" };
            themes.Add(theme);
            if (t <= 5)
            {
                themes.AddRange(Enumerable.Range(1, 2).Select(s => new Theme { Code = $"volume-{t}-{s}", NameNl = $"Subthema {t}.{s} (volume)", NameEn = $"Sub-theme {t}.{s} (volume)", Parent = theme }));
            }
        }

        var groups = await db.TargetGroups.ToListAsync();
        groups.AddRange(Enumerable.Range(1, 8).Select(g => new TargetGroup { Code = $"volume-group-{g}", NameNl = $"Groep {g} (volume)", NameEn = $"Group {g} (volume)" }));
        var kinds = Enum.GetValues<OrganisationKind>();
        var organisations = Enumerable.Range(1, 2_000).Select(o => new Organisation { Name = $"Organisatie {o} (volume)", Kind = Pick(kinds), Neighbourhoods = Some(buurten, 1, 3) }).ToList();
        var initiatives = Enumerable.Range(1, 500).Select(i => new Initiative
        {
            Name = $"Initiatief {i} (volume)",
            Municipality = m,
            Status = random.Next(20) == 0 ? InitiativeStatus.Draft : InitiativeStatus.Active,
            StartedOn = Day(2015, 2025),
            Neighbourhoods = Some(buurten, 1, 2),
            Themes = Some(themes, 1, 2),
        }).ToList();
        db.AddRange(m);
        db.AddRange(districts);
        db.AddRange(buurten);
        db.AddRange(areas);
        db.AddRange(themes.Where(t => db.Entry(t).State == EntityState.Detached));
        db.AddRange(groups.Where(g => db.Entry(g).State == EntityState.Detached));
        db.AddRange(organisations);
        db.AddRange(initiatives);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();

        // Activities in batches; their links go straight into the join tables.
        var statuses = new[] { ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Active, ActivityStatus.Paused, ActivityStatus.Ended, ActivityStatus.Draft };
        var activityIds = new List<Guid>();
        for (var start = 0; start < Activities; start += Batch)
        {
            db.ChangeTracker.Clear();
            for (var i = start; i < start + Batch; i++)
            {
                var startsOn = random.Next(10) == 0 ? (DateOnly?)null : Day(2022, 2026);
                var activity = new Activity
                {
                    Name = $"Activiteit {i} (volume)",
                    Status = Pick(statuses),
                    MunicipalityId = m.Id,
                    ProviderOrganisationId = random.Next(5) == 0 ? null : Pick(organisations).Id,
                    Schedule = ActivitySchedule.Period(startsOn, random.Next(3) == 0 ? null : (startsOn ?? new DateOnly(2022, 1, 1)).AddMonths(random.Next(1, 36))),
                    Capacity = random.Next(10) < 6 ? random.Next(5, 120) : null,
                    LastVerifiedOn = random.Next(10) < 7 ? Day(2024, 2026) : null,
                };
                activity.ProviderInitiativeId = activity.ProviderOrganisationId is null ? Pick(initiatives).Id : null;
                db.Add(activity);
                activityIds.Add(activity.Id);
                Link("ActivityTheme", "ActivitiesId", activity.Id, "ThemesId", Some(themes, 1, 3).Select(t => t.Id));
                Link("ActivityTargetGroup", "ActivitiesId", activity.Id, "TargetGroupsId", Some(groups, 1, 2).Select(t => t.Id));
                Link("ActivityNeighbourhood", "ActivitiesId", activity.Id, "NeighbourhoodsId", Some(buurten, 1, 2).Select(t => t.Id));
                if (random.Next(10) < 3)
                {
                    var year = random.Next(2024, 2027);
                    db.Add(new ReachRecord { ActivityId = activity.Id, PeriodStart = new(year, 1, 1), PeriodEnd = new(year, 12, 31), TargetGroupId = random.Next(2) == 0 ? null : Pick(groups).Id, NeighbourhoodId = random.Next(2) == 0 ? null : Pick(buurten).Id, Count = random.Next(5, 500), CountingMethod = CountingMethod.Headcount });
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        for (var s = 0; s < 10_000; s++)
        {
            var resident = random.Next(10) < 4;
            var signal = new Signal
            {
                ObservedOn = Day(2024, 2026),
                NeighbourhoodId = Pick(buurten).Id,
                MunicipalityId = m.Id,
                TargetGroupId = random.Next(5) == 0 ? null : Pick(groups).Id,
                ReportedByOrganisationId = resident ? null : Pick(organisations).Id,
                ReportedByResident = resident,
                UnderlyingThemeId = random.Next(10) < 3 ? Pick(themes).Id : null,
                Status = SignalStatus.New,
            };
            db.Add(signal);
            Link("SignalTheme", "SignalId", signal.Id, "ThemesId", Some(themes, 1, 2).Select(t => t.Id));
            if (s % 10 == 0)
            {
                db.Add(new SignalResponse { SignalId = signal.Id, ActivityId = Pick(activityIds) });
            }
        }

        object Party() => random.Next(5) == 0 ? Pick(initiatives) : Pick(organisations);
        for (var c = 0; c < 1_000; c++)
        {
            var startsOn = Day(2022, 2026);
            db.Add(new Collaboration
            {
                Purpose = $"Samenwerking {c} (volume)",
                StartsOn = startsOn,
                EndsOn = random.Next(2) == 0 ? null : startsOn.AddMonths(random.Next(3, 36)),
                MunicipalityId = m.Id,
                Parties = [.. Enumerable.Range(0, random.Next(2, 5)).Select(_ => Party()).Distinct().Select(p => new CollaborationParty { OrganisationId = (p as Organisation)?.Id, InitiativeId = (p as Initiative)?.Id })],
            });
        }

        for (var n = 0; n < 300; n++)
        {
            db.Add(new NetworkMeeting
            {
                Title = $"Netwerkbijeenkomst {n} (volume)",
                Date = Day(2024, 2026),
                MunicipalityId = m.Id,
                AreaId = Pick(areas).Id,
                Participants = [.. Enumerable.Range(0, random.Next(5, 16)).Select(_ => Party()).Distinct().Select(p => new MeetingParticipant { OrganisationId = (p as Organisation)?.Id, InitiativeId = (p as Initiative)?.Id })],
            });
        }

        for (var k = 0; k < 30; k++)
        {
            db.Add(new Coalition
            {
                Name = $"Coalitie {k} (volume)",
                MunicipalityId = m.Id,
                Members = [.. Enumerable.Range(0, random.Next(5, 31)).Select(_ => Party()).Distinct().Select(p => new CoalitionMember { OrganisationId = (p as Organisation)?.Id, InitiativeId = (p as Initiative)?.Id, JoinedOn = Day(2018, 2025) })],
            });
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var funders = organisations.Take(5).Select(o => o.Id).ToList();
        string[] columns = ["6.1", "6.2", "7.1", "4.3", "5.1"];
        var lines = funders.SelectMany((f, i) => new[] { 2024, 2025, 2026 }.SelectMany(year => columns.Select(c => new BudgetLine { FunderId = f, Year = year, Name = $"Lijn {i} {c} {year} (volume)", Iv3TaskField = i == 4 ? null : c, Column = c, AmountBudgetedCents = 10_000_000_00 }))).ToList();
        var programmes = Enumerable.Range(1, 20).Select(p => new Programme { Name = $"Programma {p} (volume)", StartsOn = new(2023, 1, 1), EndsOn = new(2028, 12, 31), OwnerId = Pick(funders), MunicipalityId = m.Id, Status = ProgrammeStatus.Active }).ToList();
        db.AddRange(lines);
        db.AddRange(programmes);
        foreach (var p in programmes)
        {
            Link("ProgrammeNeighbourhood", "ProgrammeId", p.Id, "NeighbourhoodsId", Some(buurten, 1, 3).Select(b => b.Id));
        }

        var grantStatuses = Enum.GetValues<GrantStatus>();
        for (var g = 0; g < 5_000; g++)
        {
            var status = Pick(grantStatuses);
            var awarded = status is GrantStatus.Awarded or GrantStatus.Disbursed or GrantStatus.Settled;
            var awardDate = Day(2024, 2026);
            var amount = random.Next(1_000_00, 200_000_00);
            var recipient = random.Next(10);
            var grant = new Grant
            {
                Identifier = $"360G-volume-{g}",
                Title = $"Subsidie {g} (volume)",
                FunderId = Pick(funders),
                RecipientInitiativeId = recipient < 3 ? Pick(initiatives).Id : null,
                RecipientProgrammeId = recipient == 3 ? Pick(programmes).Id : null,
                RecipientOrganisationId = recipient > 3 ? Pick(organisations).Id : null,
                Status = status,
                AppliedOn = awardDate.AddDays(-40),
                AwardDate = awarded ? awardDate : null,
                AmountAppliedForCents = amount,
                AmountAwardedCents = awarded ? amount : null,
            };
            if (awarded)
            {
                var drawn = Some(lines.Where(l => l.FunderId == grant.FunderId && l.Year == awardDate.Year).ToList(), 1, 3);
                grant.Allocations = [.. drawn.Select((l, i) => new GrantAllocation { BudgetLineId = l.Id, AmountCents = i == 0 ? amount - ((drawn.Count - 1) * 100_00) : 100_00 })];
                if (status != GrantStatus.Awarded)
                {
                    grant.Disbursements = [new Disbursement { PaidOn = awardDate.AddDays(30), AmountCents = amount / 2, BudgetLineId = drawn[0].Id }];
                }
            }

            db.Add(grant);
            Link("GrantTheme", "GrantId", grant.Id, "ThemesId", Some(themes, 1, 2).Select(t => t.Id));
            Link("GrantNeighbourhood", "GrantId", grant.Id, "BeneficiaryNeighbourhoodsId", Some(buurten, 1, 2).Select(t => t.Id));
        }

        var company = organisations.First(o => o.Kind == OrganisationKind.NeighbourhoodCompany);
        db.Add(new NeighbourhoodCompany
        {
            OrganisationId = company.Id,
            Purpose = "Volume",
            Reinvestments = [.. new[] { 2024, 2025 }.Select(year => new Reinvestment { Year = year, ProfitCents = 50_000_00, AmountReinvestedCents = 30_000_00, DecidedAt = $"AV {year}", Allocations = [new ReinvestmentAllocation { InitiativeId = Pick(initiatives).Id, AmountCents = 20_000_00 }, new ReinvestmentAllocation { ThemeId = Pick(themes).Id, NeighbourhoodId = Pick(buurten).Id, AmountCents = 10_000_00 }] })],
        });
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();

        Assert.Equal(Activities, await db.Activities.CountAsync(a => a.MunicipalityId == m.Id));

        void Link(string table, string owner, Guid ownerId, string key, IEnumerable<Guid> keys)
        {
            foreach (var k in keys.Distinct())
            {
                db.Set<Dictionary<string, object>>(table).Add(new Dictionary<string, object> { [owner] = ownerId, [key] = k });
            }
        }
    }
}
