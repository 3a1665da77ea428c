using System.Text.Json;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// The funding facts the database keeps (ADR 0020) after any sequence of writes equal a rebuild from scratch, and the
/// funding read from them equals the funding computed from the grants, for every calendar year of the window.
/// </summary>
public abstract class FundingFactTests(Func<TestApp> app)
{
    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Kept_facts_equal_a_rebuild_and_the_funding_from_the_records_after_random_writes(int seed)
    {
        var w = await DashboardWorld.CreateAsync(app());
        var random = new Random(seed);
        var log = new List<string>();
        for (var step = 0; step < 80; step++)
        {
            try
            {
                log.Add(await RandomWriteAsync(w, random));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"step {step} failed after: {string.Join("; ", log)}", e);
            }
        }

        var why = string.Join("; ", log);

        // What a reader does first: take along the writes made by hand since the last save (incrementally, not a rebuild).
        await using (var db = await app().OpenDbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await FundingFacts.CatchUpAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var kept = await SnapshotAsync();
        await using (var db = await app().OpenDbAsync())
        {
            var window = await db.Set<OfferingFactWindow>().SingleAsync(x => x.Id == FundingFacts.WindowId);
            await using var transaction = await db.Database.BeginTransactionAsync();
            await FundingFacts.CatchUpAsync(db, CancellationToken.None, window: (window.FirstYear, window.LastYear));
            await transaction.CommitAsync();
        }

        var rebuilt = await SnapshotAsync();
        Assert.True(kept.Count > 0, "no facts were kept");
        Assert.True(kept.SequenceEqual(rebuilt), $"kept and rebuilt facts differ after: {why}\nkept only: {string.Join(" | ", kept.Except(rebuilt).Take(10))}\nrebuilt only: {string.Join(" | ", rebuilt.Except(kept).Take(10))}");

        await using var reader = await app().OpenDbAsync();
        var covered = await FundingFacts.WindowAsync(reader, CancellationToken.None);
        Assert.NotNull(covered);
        var nonEmpty = 0;

        // The whole municipality and each working area (an area has rows of its own above the region grain).
        var places = new List<(string Name, Guid? Area, List<Guid> Regions)> { ("municipality", null, [.. w.Regions.Values.Select(r => r.Id)]) };
        foreach (var (name, area) in w.Areas)
        {
            places.Add((name, area.Id, await reader.Neighbourhoods.Where(Filters.InOrBelowArea(area.Id)).Select(n => n.Id).ToListAsync()));
        }

        foreach (var (place, area, regions) in places)
        for (var year = covered.FirstYear; year <= covered.LastYear; year++)
        {
            var scope = new Scope(w.Municipality.Id, area, null, regions, new(year, 1, 1), new(year, 12, 31), false);
            var fromRecords = await FundingFlows.ComputeFromRecordsAsync(reader, scope, default);
            var (records, facts) = (JsonSerializer.Serialize(fromRecords), JsonSerializer.Serialize(await FundingFlows.ComputeAsync(reader, scope, default)));
            Assert.True(records == facts, $"funding {year} ({place}) from the records and from the facts differ after: {why}\nrecords: {records}\nfacts:   {facts}");
            nonEmpty += fromRecords.Totals.Grants > 0 || fromRecords.Totals.Disbursed > 0 ? 1 : 0;
        }

        Assert.True(nonEmpty > 0, "every year of the window was empty: the comparison proved nothing");
    }

    [SkippableFact]
    public async Task A_grant_changed_by_hand_in_SQL_shows_in_the_next_dashboard_answer()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "funding { amountAwarded grants }";
        var before = await w.DashboardAsync(app(), selection);

        // G6 (12.34 awarded in 2025, fixture) withdrawn by hand: no SaveChanges, so only the triggers see it.
        await using (var db = await app().OpenDbAsync())
        {
            var suffix = w.Programme.Name.Split(' ')[^1];
            await db.Grants.Where(g => g.Identifier == $"360G-dash-{suffix}-G6").ExecuteUpdateAsync(s => s.SetProperty(g => g.Status, GrantStatus.Rejected));
        }

        var after = await w.DashboardAsync(app(), selection);
        Assert.Equal(before["funding"]!["grants"]!.GetValue<int>() - 1, after["funding"]!["grants"]!.GetValue<int>());
        Assert.Equal(before["funding"]!["amountAwarded"].Exact() - 12.34m, after["funding"]!["amountAwarded"].Exact());
    }

    private async Task<string> RandomWriteAsync(DashboardWorld w, Random random)
    {
        await using var db = await app().OpenDbAsync();
        var funders = new[] { w.Organisations["O4"].Id, w.Organisations["O5"].Id };
        var grantIds = await db.Grants.Where(g => funders.Contains(g.FunderId)).Select(g => g.Id).OrderBy(id => id).ToListAsync();
        var lines = await db.BudgetLines.Where(l => funders.Contains(l.FunderId)).Select(l => l.Id).OrderBy(id => id).ToListAsync();
        var regions = w.Regions.Values.Select(r => r.Id).ToList();
        var themes = w.Themes.Values.Select(t => t.Id).ToList();
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];
        DateOnly Day() => new DateOnly(2021, 1, 1).AddDays(random.Next(8 * 365));
        GrantStatus Status() => Pick(Enum.GetValues<GrantStatus>());
        var op = grantIds.Count == 0 ? 0 : random.Next(11);
        var id = grantIds.Count == 0 ? Guid.Empty : Pick(grantIds);
        Task<Grant> Tracked() => db.Grants.Include(g => g.Themes).Include(g => g.BeneficiaryNeighbourhoods).Include(g => g.Allocations).Include(g => g.Disbursements).SingleAsync(g => g.Id == id);

        // Awarded grants always have an award date and an amount (a check constraint); applications may not.
        void Decide(Grant g, GrantStatus status)
        {
            g.Status = status;
            g.AwardDate = Grant.AwardedStatuses.Contains(status) || random.Next(2) == 0 ? Day() : null;
            g.AmountAwardedCents = !Grant.AwardedStatuses.Contains(status) && random.Next(3) == 0 ? null : random.Next(0, 10_000_00);
        }

        try
        {
            return await WriteAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"operation {op}", e);
        }

        async Task<string> WriteAsync()
        {
        switch (op)
        {
            case 0:
            {
                var kind = random.Next(3);
                var tagged = themes.Skip(random.Next(3)).Take(random.Next(3)).ToList();
                var places = regions.Skip(random.Next(5)).Take(random.Next(1, 3)).ToList();
                var grant = new Grant
                {
                    Identifier = $"360G-random-{Guid.NewGuid():N}",
                    Title = "Willekeurig",
                    FunderId = Pick(funders),
                    RecipientInitiativeId = kind == 0 ? Pick(w.Initiatives.Values.Select(i => i.Id).ToList()) : null,
                    RecipientOrganisationId = kind == 1 ? Pick(w.Organisations.Values.Select(o => o.Id).ToList()) : null,
                    RecipientProgrammeId = kind == 2 ? w.Programme.Id : null,
                    AppliedOn = Day(),
                    Themes = [.. await db.Themes.Where(t => tagged.Contains(t.Id)).ToListAsync()],
                    BeneficiaryNeighbourhoods = [.. await db.Neighbourhoods.Where(n => places.Contains(n.Id)).ToListAsync()],
                };
                Decide(grant, Status());
                var drawn = lines.Where(_ => random.Next(3) == 0).ToList();
                grant.Allocations = [.. drawn.Select(l => new GrantAllocation { BudgetLineId = l, AmountCents = random.Next(1, 5_000_00) })];
                grant.Disbursements = [.. Enumerable.Range(0, random.Next(3)).Select(_ => new Disbursement { PaidOn = Day(), AmountCents = random.Next(1, 2_000_00), BudgetLineId = drawn.Count == 0 || random.Next(3) == 0 ? null : Pick(drawn) })];
                db.Grants.Add(grant);
                await db.SaveChangesAsync();
                return "add grant";
            }

            case 1:
            {
                var g = await Tracked();
                Decide(g, Status());
                await db.SaveChangesAsync();
                return $"decide {g.Status}";
            }

            case 2:
            {
                var g = await Tracked();
                var free = lines.Except(g.Allocations.Select(a => a.BudgetLineId)).ToList();
                if (g.Allocations.Count > 0 && (free.Count == 0 || random.Next(2) == 0))
                {
                    // A payment is booked on one of the grant's allocations: those on this one go with it.
                    var allocation = g.Allocations[random.Next(g.Allocations.Count)];
                    db.RemoveRange(g.Disbursements.Where(d => d.BudgetLineId == allocation.BudgetLineId));
                    db.Remove(allocation);
                }
                else if (random.Next(2) == 0 && g.Allocations.Count > 0)
                {
                    g.Allocations[random.Next(g.Allocations.Count)].AmountCents = random.Next(1, 5_000_00);
                }
                else
                {
                    db.Add(new GrantAllocation { GrantId = g.Id, BudgetLineId = Pick(free), AmountCents = random.Next(1, 5_000_00) });
                }

                await db.SaveChangesAsync();
                return "allocation";
            }

            case 3:
            {
                var g = await Tracked();
                if (g.Disbursements.Count > 0 && random.Next(3) == 0)
                {
                    db.Remove(g.Disbursements[random.Next(g.Disbursements.Count)]);
                }
                else if (g.Disbursements.Count > 0 && random.Next(2) == 0)
                {
                    var d = g.Disbursements[random.Next(g.Disbursements.Count)];
                    d.PaidOn = Day();
                    d.AmountCents = random.Next(1, 2_000_00);
                }
                else
                {
                    var drawn = g.Allocations.Select(a => a.BudgetLineId).ToList();
                    db.Add(new Disbursement { GrantId = g.Id, PaidOn = Day(), AmountCents = random.Next(1, 2_000_00), BudgetLineId = drawn.Count == 0 || random.Next(3) == 0 ? null : Pick(drawn) });
                }

                await db.SaveChangesAsync();
                return "payment";
            }

            case 4:
            {
                var g = await Tracked();
                var theme = Pick(themes);
                if (g.Themes.RemoveAll(t => t.Id == theme) == 0)
                {
                    g.Themes.Add(await db.Themes.SingleAsync(t => t.Id == theme));
                }

                await db.SaveChangesAsync();
                return "theme";
            }

            case 5:
            {
                var g = await Tracked();
                var region = Pick(regions);
                if (g.BeneficiaryNeighbourhoods.RemoveAll(n => n.Id == region) == 0)
                {
                    g.BeneficiaryNeighbourhoods.Add(await db.Neighbourhoods.SingleAsync(n => n.Id == region));
                }

                await db.SaveChangesAsync();
                return "region";
            }

            case 6:
            {
                var chosen = Pick(w.Initiatives.Values.Select(x => x.Id).ToList());
                var initiative = await db.Initiatives.SingleAsync(i => i.Id == chosen);
                initiative.Status = initiative.Status == InitiativeStatus.Draft ? InitiativeStatus.Active : InitiativeStatus.Draft;
                await db.SaveChangesAsync();
                return $"initiative {initiative.Status}";
            }

            case 7:
            {
                // Bypasses SaveChanges; the next write's catch-up (or the reader) takes the noted grant along.
                var cents = (long)random.Next(1, 10_000_00);
                await db.Grants.Where(g => g.Id == id).ExecuteUpdateAsync(s => s.SetProperty(g => g.AmountAwardedCents, cents));
                return "amount by hand";
            }

            case 8:
            {
                var chosen = Pick(lines);
                var line = await db.BudgetLines.SingleAsync(l => l.Id == chosen);
                line.Iv3TaskField = Pick(new[] { "6.1", "7.1", "4.3", "8.3", null });
                await db.SaveChangesAsync();
                return $"iv3 {line.Iv3TaskField}";
            }

            case 9 when random.Next(3) == 0:
            {
                // A region put in or taken out of a working area: every fact table is rebuilt.
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

            case 9:
            {
                var g = await Tracked();
                g.FunderId = Pick(funders);
                await db.SaveChangesAsync();
                return "funder";
            }

            default:
            {
                // Only grants this test added: the fixture's are named by the hand-computed dashboard tests.
                var added = await db.Grants.Where(g => funders.Contains(g.FunderId) && g.Identifier.StartsWith("360G-random-")).Select(g => g.Id).OrderBy(x => x).ToListAsync();
                if (added.Count == 0)
                {
                    return "nothing to delete";
                }

                id = Pick(added);
                db.Grants.Remove(await Tracked());
                await db.SaveChangesAsync();
                return "delete";
            }
        }
    }
    }

    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = await app().OpenDbAsync();
        var facts = await db.Set<FundingFact>().AsNoTracking().ToListAsync();
        return [.. facts.Select(f => $"{f.Municipality} {f.Dimension} {f.Year} {f.Key} {f.Key2} {f.Key3}: {f.Awarded} {f.Disbursed} {f.Grants} {f.Entries}").Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteFundingFactTests(SqliteAppFixture fixture) : FundingFactTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFundingFactTests(PostgresAppFixture fixture) : FundingFactTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
