using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Network;

public abstract class NetworkTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Collaboration_parties_are_a_union_and_reachable_from_both_sides()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var older = await AddCollaborationAsync(w, "Ouder", new DateOnly(2023, 1, 1), null, [w.Theme], w.OrganisationA.Id, w.InitiativeA.Id);
        var newer = await AddCollaborationAsync(w, "Nieuwer", new DateOnly(2025, 1, 1), null, [w.OtherTheme], w.OrganisationA.Id, null);
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(new CollaborationParty { CollaborationId = newer.Id, OrganisationId = w.OrganisationB.Id });
            await db.SaveChangesAsync();
        }

        var response = await app().QueryAsync("""
            query($c: ID!, $o: ID!, $i: ID!) {
              node(id: $c) { ... on Collaboration { purpose formality themes { code } parties { __typename ... on Organisation { name } ... on Initiative { name } } } }
              o: organisation(id: $o) { collaborations(first: 10) { totalCount nodes { purpose } } }
              i: initiative(id: $i) { collaborations(first: 10) { totalCount nodes { purpose } } } }
            """, new { c = Id(older), o = Id(w.OrganisationA), i = Id(w.InitiativeA) });

        response.AssertOk();
        var c = response.Data!["node"]!;
        Assert.Equal("COVENANT", c["formality"]!.GetValue<string>());
        Assert.Equal([w.Theme.Code], Strings(c["themes"], "code"));
        Assert.Equal(["Initiative", "Organisation"], Strings(c["parties"], "__typename"));
        Assert.Equal([w.InitiativeA.Name, w.OrganisationA.Name], Strings(c["parties"], "name"));
        Assert.Equal([newer.Purpose, older.Purpose], Strings(response.Data["o"]!["collaborations"]!["nodes"], "purpose"));
        Assert.Equal(2, response.Data["o"]!["collaborations"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([older.Purpose], Strings(response.Data["i"]!["collaborations"]!["nodes"], "purpose"));
    }

    [SkippableFact]
    public async Task Collaborations_filter_by_day_active_and_by_theme_including_sub_themes()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var ended = await AddCollaborationAsync(w, "Afgelopen", new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), [w.Theme], w.OrganisationA.Id, null);
        var open = await AddCollaborationAsync(w, "Lopend", new DateOnly(2024, 6, 1), null, [w.SubTheme], w.OrganisationB.Id, null);
        var other = await AddCollaborationAsync(w, "Ander thema", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), [w.OtherTheme], w.OrganisationB.Id, null);

        var response = await app().QueryAsync("""
            query($m: ID!, $t: ID!, $s: ID!) {
              mid2024: collaborations(first: 10, filterBy: { municipality: $m, activeOn: "2024-12-31" }) { totalCount nodes { purpose } }
              start: collaborations(first: 10, filterBy: { municipality: $m, activeOn: "2024-06-01" }) { nodes { purpose } }
              mar2025: collaborations(first: 10, filterBy: { municipality: $m, activeOn: "2025-03-31" }) { nodes { purpose } }
              before: collaborations(first: 10, filterBy: { municipality: $m, activeOn: "2023-12-31" }) { totalCount }
              theme: collaborations(first: 10, filterBy: { municipality: $m, themes: [$t] }) { totalCount nodes { purpose } }
              sub: collaborations(first: 10, filterBy: { municipality: $m, themes: [$s] }) { nodes { purpose } } }
            """, new { m = Id(w.Municipality), t = Id(w.Theme), s = Id(w.SubTheme) });

        response.AssertOk();
        var d = response.Data!;
        Assert.Equal([open.Purpose, ended.Purpose], Strings(d["mid2024"]!["nodes"], "purpose"));
        Assert.Equal(2, d["mid2024"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([open.Purpose, ended.Purpose], Strings(d["start"]!["nodes"], "purpose"));
        Assert.Equal([other.Purpose, open.Purpose], Strings(d["mar2025"]!["nodes"], "purpose"));
        Assert.Equal(0, d["before"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([open.Purpose, ended.Purpose], Strings(d["theme"]!["nodes"], "purpose"));
        Assert.Equal(2, d["theme"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([open.Purpose], Strings(d["sub"]!["nodes"], "purpose"));
    }

    [SkippableFact]
    public async Task Meetings_filter_by_area_and_dates_and_show_participants_themes_signals_and_outcomes()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var collaboration = await AddCollaborationAsync(w, "Uitkomst", new DateOnly(2025, 10, 1), null, [w.Theme], w.OrganisationA.Id, w.InitiativeA.Id);
        NetworkMeeting inArea, elsewhere, early;
        await using (var db = await app().OpenDbAsync())
        {
            var signal = new Signal { ObservedOn = new DateOnly(2025, 5, 1), NeighbourhoodId = w.BuurtA.Id, MunicipalityId = w.Municipality.Id, ReportedByResident = true, Description = "test" };
            inArea = Meeting(w, new DateOnly(2025, 9, 1), w.Area.Id);
            inArea.Participants = [new MeetingParticipant { OrganisationId = w.OrganisationB.Id }, new MeetingParticipant { InitiativeId = w.InitiativeA.Id }];
            inArea.Themes = await Find<Theme>(db, w.Theme, w.OtherTheme);
            inArea.SignalsDiscussed = [signal];
            inArea.CollaborationsStarted = await Find<Collaboration>(db, collaboration);
            elsewhere = Meeting(w, new DateOnly(2025, 9, 15), null);
            early = Meeting(w, new DateOnly(2024, 9, 1), w.Area.Id);
            db.AddRange(inArea, elsewhere, early);
            await db.SaveChangesAsync();
        }

        var response = await app().QueryAsync("""
            query($m: ID!, $a: ID!) {
              area: networkMeetings(first: 10, filterBy: { municipality: $m, area: $a, from: "2025-01-01", to: "2025-12-31" }) { totalCount nodes {
                name heldOn area { name } organiser { name } outcomeNotes
                participants { __typename ... on Organisation { name } ... on Initiative { name } }
                themes { code } signalsDiscussed { observedOn reporterKind } collaborationsStarted { purpose } } }
              year: networkMeetings(first: 10, filterBy: { municipality: $m, from: "2025-01-01" }) { nodes { name } }
              upTo: networkMeetings(first: 10, filterBy: { municipality: $m, to: "2025-09-01" }) { nodes { name } }
              byArea: node(id: $a) { ... on Area { networkMeetings(first: 10) { totalCount nodes { name } } } } }
            """, new { m = Id(w.Municipality), a = Id(w.Area) }, Tokens.Mint("network-admin", "admin")); // signals are read by their scope only

        response.AssertOk();
        var d = response.Data!;
        Assert.Equal(1, d["area"]!["totalCount"]!.GetValue<int>());
        var m = d["area"]!["nodes"]![0]!;
        Assert.Equal(inArea.Title, m["name"]!.GetValue<string>());
        Assert.Equal(w.Area.Name, m["area"]!["name"]!.GetValue<string>());
        Assert.Equal(w.OrganisationA.Name, m["organiser"]!["name"]!.GetValue<string>());
        Assert.Equal(["Initiative", "Organisation"], Strings(m["participants"], "__typename"));
        Assert.Equal([w.InitiativeA.Name, w.OrganisationB.Name], Strings(m["participants"], "name"));
        Assert.Equal([w.OtherTheme.Code, w.Theme.Code], Strings(m["themes"], "code"));
        Assert.Equal("RESIDENT", m["signalsDiscussed"]![0]!["reporterKind"]!.GetValue<string>());
        Assert.Equal([collaboration.Purpose], Strings(m["collaborationsStarted"], "purpose"));
        Assert.Equal([elsewhere.Title, inArea.Title], Strings(d["year"]!["nodes"], "name"));
        Assert.Equal([inArea.Title, early.Title], Strings(d["upTo"]!["nodes"], "name"));
        Assert.Equal([inArea.Title, early.Title], Strings(d["byArea"]!["networkMeetings"]!["nodes"], "name"));
    }

    [SkippableFact]
    public async Task Lists_of_several_meetings_come_from_one_statement_each()
    {
        var w = await NetworkWorld.CreateAsync(app());
        await using (var db = await app().OpenDbAsync())
        {
            for (var i = 1; i <= 3; i++)
            {
                var meeting = Meeting(w, new DateOnly(2025, i, 1), w.Area.Id);
                meeting.Participants = [new MeetingParticipant { OrganisationId = w.OrganisationA.Id }, new MeetingParticipant { InitiativeId = w.InitiativeB.Id }];
                meeting.Themes = await Find<Theme>(db, i == 1 ? w.Theme : w.SubTheme);
                db.Add(meeting);
            }

            await db.SaveChangesAsync();
        }

        using var sql = await SqlStatements.RecordAsync(app());
        var response = await app().QueryAsync("""
            query($m: ID!) { networkMeetings(first: 10, filterBy: { municipality: $m }) { nodes {
                participants { ... on Organisation { name } ... on Initiative { name } } themes { code } signalsDiscussed { observedOn } collaborationsStarted { purpose } } } }
            """, new { m = Id(w.Municipality) });

        response.AssertOk();
        var nodes = response.Data!["networkMeetings"]!["nodes"]!.AsArray();
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.Equal([w.InitiativeB.Name, w.OrganisationA.Name], Strings(n!["participants"], "name")));
        Assert.Equal([w.SubTheme.Code, w.SubTheme.Code, w.Theme.Code], nodes.Select(n => n!["themes"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal(1, sql.Reading("MeetingParticipants"));
        Assert.Equal(1, sql.Reading("NetworkMeetingTheme"));
        Assert.Equal(1, sql.Reading("NetworkMeetingSignal"));
        Assert.Equal(1, sql.Reading("NetworkMeetingCollaboration"));
    }

    [SkippableFact]
    public async Task The_database_refuses_a_party_link_with_both_or_neither_party()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var collaboration = await AddCollaborationAsync(w, "Controle", new DateOnly(2025, 1, 1), null, [], w.OrganisationA.Id, null);

        foreach (var party in new[]
        {
            new CollaborationParty { CollaborationId = collaboration.Id, OrganisationId = w.OrganisationB.Id, InitiativeId = w.InitiativeA.Id },
            new CollaborationParty { CollaborationId = collaboration.Id },
        })
        {
            await using var db = await app().OpenDbAsync();
            db.Add(party);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var coalitionDb = await app().OpenDbAsync();
        coalitionDb.Add(new Coalition { Name = "Controle", MunicipalityId = w.Municipality.Id, Members = [new CoalitionMember { JoinedOn = Today }] });
        await Assert.ThrowsAsync<DbUpdateException>(() => coalitionDb.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Demo_Nissewaard_holds_one_meeting_per_area_organised_by_the_municipality()
    {
        var response = await app().QueryAsync("""
            { municipality(cbsCode: "GM1930") { id areas(first: 10) { nodes { name networkMeetings(first: 10) { nodes { heldOn organiser { name } participants { ... on Organisation { name } } themes { code } } } } } } }
            """);

        response.AssertOk();
        var areas = response.Data!["municipality"]!["areas"]!["nodes"]!.AsArray();
        Assert.Equal(4, areas.Count);
        Assert.All(areas, a =>
        {
            var meeting = Assert.Single(a!["networkMeetings"]!["nodes"]!.AsArray())!;
            Assert.Equal("Gemeente Nissewaard", meeting["organiser"]!["name"]!.GetValue<string>());
            Assert.Contains("Gemeente Nissewaard", Strings(meeting["participants"], "name"));
            Assert.True(Strings(meeting["participants"], "name").Count >= 3);
            Assert.NotEmpty(meeting["themes"]!.AsArray());
            Assert.Contains(meeting["heldOn"]!.GetValue<string>()[..4], new[] { "2025", "2026" });
        });

        var collaborations = await app().QueryAsync("""
            query($m: ID!) { collaborations(first: 20, filterBy: { municipality: $m }) { totalCount nodes { parties { ... on Organisation { name } } } } }
            """, new { m = response.Data["municipality"]!["id"]!.GetValue<string>() });
        collaborations.AssertOk();
        Assert.True(collaborations.Data!["collaborations"]!["totalCount"]!.GetValue<int>() >= 3);
        Assert.All(collaborations.Data["collaborations"]!["nodes"]!.AsArray(), c => Assert.True(c!["parties"]!.AsArray().Count >= 2));
    }

    private static NetworkMeeting Meeting(NetworkWorld w, DateOnly date, Guid? area) => new()
    {
        Title = $"Overleg {date:yyyy-MM-dd} {(area is null ? "gemeente" : "gebied")} {w.Municipality.CbsCode}",
        Date = date,
        MunicipalityId = w.Municipality.Id,
        AreaId = area,
        OrganiserId = w.OrganisationA.Id,
        OutcomeNotes = "Afspraken (test).",
    };

    private async Task<Collaboration> AddCollaborationAsync(NetworkWorld w, string purpose, DateOnly startsOn, DateOnly? endsOn, Theme[] themes, Guid? organisation, Guid? initiative)
    {
        await using var db = await app().OpenDbAsync();
        var collaboration = new Collaboration
        {
            Purpose = $"{purpose} {w.Municipality.CbsCode}",
            StartsOn = startsOn,
            EndsOn = endsOn,
            Formality = CollaborationFormality.Covenant,
            MunicipalityId = w.Municipality.Id,
            Themes = await Find<Theme>(db, themes),
        };
        if (organisation is not null)
        {
            collaboration.Parties.Add(new CollaborationParty { OrganisationId = organisation });
        }

        if (initiative is not null)
        {
            collaboration.Parties.Add(new CollaborationParty { InitiativeId = initiative });
        }

        db.Add(collaboration);
        await db.SaveChangesAsync();
        return collaboration;
    }
}

public sealed class SqliteNetworkTests(SqliteAppFixture fixture) : NetworkTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresNetworkTests(PostgresAppFixture fixture) : NetworkTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
