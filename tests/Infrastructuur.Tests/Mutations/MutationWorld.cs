using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Network;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// Two fresh municipalities (ours and another, each a <see cref="NetworkWorld"/>) and one signed-in person per role with
/// the database rows that give them their scope: coordinators of initiative A in each, staff of organisation A in each,
/// an official of each municipality, a resident and an admin. Tokens are real JWTs whose subject is the person's.
/// </summary>
public sealed class MutationWorld
{
    public required TestApp App { get; init; }

    public required NetworkWorld Own { get; init; }

    public required NetworkWorld Other { get; init; }

    public required Caller Coordinator { get; init; }

    public required Caller OtherCoordinator { get; init; }

    public required Caller Staff { get; init; }

    public required Caller OtherStaff { get; init; }

    public required Caller Official { get; init; }

    public required Caller SecondOfficial { get; init; }

    public required Caller OtherOfficial { get; init; }

    public required Caller Resident { get; init; }

    public required Caller Admin { get; init; }

    public static async Task<MutationWorld> CreateAsync(TestApp app)
    {
        var own = await NetworkWorld.CreateAsync(app);
        var other = await NetworkWorld.CreateAsync(app);
        await using var db = await app.OpenDbAsync();
        Caller Make(string role, string name)
        {
            var person = new Person { DisplayName = $"{name} (test)", Subject = $"test-{Guid.NewGuid():N}" };
            db.Add(person);
            return new Caller(person, Tokens.Mint(person.Subject, role));
        }

        var world = new MutationWorld
        {
            App = app,
            Own = own,
            Other = other,
            Coordinator = Make("coordinator", "Coördinator"),
            OtherCoordinator = Make("coordinator", "Andere coördinator"),
            Staff = Make("partner_staff", "Medewerker"),
            OtherStaff = Make("partner_staff", "Andere medewerker"),
            Official = Make("municipal_official", "Ambtenaar"),
            SecondOfficial = Make("municipal_official", "Tweede ambtenaar"),
            OtherOfficial = Make("municipal_official", "Andere ambtenaar"),
            Resident = Make("resident", "Bewoner"),
            Admin = Make("admin", "Beheerder"),
        };
        db.Add(new InitiativeCoordinator { InitiativeId = own.InitiativeA.Id, PersonId = world.Coordinator.Person.Id, Since = new DateOnly(2024, 1, 1), AcceptedAt = DateTime.UtcNow });
        db.Add(new InitiativeCoordinator { InitiativeId = other.InitiativeA.Id, PersonId = world.OtherCoordinator.Person.Id, Since = new DateOnly(2024, 1, 1), AcceptedAt = DateTime.UtcNow });
        db.Add(new Employment { OrganisationId = own.OrganisationA.Id, PersonId = world.Staff.Person.Id });
        db.Add(new Employment { OrganisationId = other.OrganisationA.Id, PersonId = world.OtherStaff.Person.Id });
        db.Add(new OfficialAssignment { MunicipalityId = own.Municipality.Id, PersonId = world.Official.Person.Id });
        db.Add(new OfficialAssignment { MunicipalityId = own.Municipality.Id, PersonId = world.SecondOfficial.Person.Id });
        db.Add(new OfficialAssignment { MunicipalityId = other.Municipality.Id, PersonId = world.OtherOfficial.Person.Id });

        // Organisation A of each municipality works in its buurt A: officials there oversee it.
        foreach (var place in new[] { own, other })
        {
            var organisation = await db.Organisations.FindAsync(place.OrganisationA.Id);
            organisation!.Neighbourhoods.Add((await db.Neighbourhoods.FindAsync(place.BuurtA.Id))!);
        }

        await db.SaveChangesAsync();

        // The shared network world publishes its initiatives; the write tests start from drafts, at version 1, so the
        // status steps (publish, pause, end) and the draft visibility rules are exercised from the beginning.
        Guid[] initiatives = [own.InitiativeA.Id, own.InitiativeB.Id, other.InitiativeA.Id, other.InitiativeB.Id];
        await db.Initiatives.Where(i => initiatives.Contains(i.Id)).ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, InitiativeStatus.Draft));
        return world;
    }

    /// <summary>A day relative to today (UTC) as the API writes dates.</summary>
    public static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every caller by name, anonymous included (null token), for walking a row of the role matrix.</summary>
    public IEnumerable<(string Name, Caller? Caller)> Everyone() =>
    [
        ("anonymous", null), ("resident", Resident), ("coordinator", Coordinator), ("other coordinator", OtherCoordinator),
        ("staff", Staff), ("other staff", OtherStaff), ("official", Official), ("other official", OtherOfficial), ("admin", Admin),
    ];

    public async Task<int> VersionAsync<T>(T record)
        where T : Entity
    {
        await using var db = await App.OpenDbAsync();
        return await db.Set<T>().Where(e => e.Id == record.Id).Select(e => e.Version).SingleAsync();
    }

    /// <summary>
    /// Publishes a draft initiative outside the API (no version step, no change record), for tests about something else
    /// that need it visible to callers outside its scope.
    /// </summary>
    public async Task PublishAsync(Initiative initiative)
    {
        await using var db = await App.OpenDbAsync();
        await db.Initiatives.Where(i => i.Id == initiative.Id).ExecuteUpdateAsync(set => set.SetProperty(i => i.Status, InitiativeStatus.Active));
    }

    /// <summary>The input of an update of <paramref name="record"/> at its current version, with the fields of <paramref name="extra"/>.</summary>
    public async Task<Dictionary<string, object?>> VersionedInputAsync<T>(T record, object? extra = null)
        where T : Entity
    {
        var input = new Dictionary<string, object?> { ["id"] = Network.NetworkWorld.Id(record), ["expectedVersion"] = await VersionAsync(record) };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            input[property.Name] = property.GetValue(extra);
        }

        return input;
    }

    /// <summary>An ACTIVE activity of an initiative or an organisation of <paramref name="place"/>, serving its buurt A.</summary>
    public async Task<Activity> ActivityAsync(NetworkWorld place, Initiative? initiative = null, Organisation? organisation = null)
    {
        await using var db = await App.OpenDbAsync();
        var activity = new Activity
        {
            Name = $"Activiteit {Guid.NewGuid():N} (test)",
            Status = ActivityStatus.Active,
            MunicipalityId = place.Municipality.Id,
            ProviderInitiativeId = initiative?.Id,
            ProviderOrganisationId = organisation?.Id ?? (initiative is null ? place.OrganisationA.Id : null),
            Schedule = ActivitySchedule.Period(new DateOnly(2025, 1, 1), null),
        };
        activity.Neighbourhoods.Add((await db.Neighbourhoods.FindAsync(place.BuurtA.Id))!);
        db.Add(activity);
        await db.SaveChangesAsync();
        return activity;
    }

    public async Task<Signal> SignalAsync(NetworkWorld place)
    {
        await using var db = await App.OpenDbAsync();
        var signal = new Signal { ObservedOn = new DateOnly(2025, 3, 1), NeighbourhoodId = place.BuurtA.Id, MunicipalityId = place.Municipality.Id, ReportedByResident = true };
        db.Add(signal);
        await db.SaveChangesAsync();
        return signal;
    }

    /// <summary>A grant applied for by <paramref name="applicant"/> for initiative A of <paramref name="place"/>, with a funder that has two budget lines.</summary>
    public async Task<(Grant Grant, BudgetLine First, BudgetLine Second)> GrantAsync(NetworkWorld place, Caller? applicant, long appliedForCents = 10_000_00)
    {
        await using var db = await App.OpenDbAsync();
        var funder = new Organisation { Name = $"Fonds {Guid.NewGuid():N} (test)", Kind = OrganisationKind.Fund };
        BudgetLine Line(string iv3) => new() { Funder = funder, Year = 2025, Name = $"Lijn {iv3} {Guid.NewGuid():N}", Iv3TaskField = iv3, Column = "Test", AmountBudgetedCents = 1_000_000_00 };
        var (first, second) = (Line("6.1"), Line("7.1"));
        var grant = new Grant
        {
            Identifier = $"360G-TEST-{Guid.NewGuid():N}",
            Title = "Aanvraag (test)",
            Funder = funder,
            RecipientInitiativeId = place.InitiativeA.Id,
            AmountAppliedForCents = appliedForCents,
            AppliedOn = new DateOnly(2025, 2, 1),
            AppliedByPersonId = applicant?.Person.Id,
        };
        db.AddRange(first, second, grant);
        await db.SaveChangesAsync();
        return (grant, first, second);
    }
}

/// <summary>A signed-in caller: their person record and a token for them.</summary>
public sealed record Caller(Person Person, string Token);

public static class MutationResponses
{
    /// <summary>The payload of the one mutation in a response, failing with the body when there are top-level errors.</summary>
    public static JsonNode Payload(this GraphQLResponse response, string field)
    {
        response.AssertOk();
        return response.Data![field] ?? throw new Xunit.Sdk.XunitException($"{field} is null: {response.Text}");
    }

    /// <summary>The codes of the payload's user errors.</summary>
    public static List<string> Codes(this JsonNode payload) =>
        [.. payload["userErrors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>())];

    /// <summary>The payload, asserting it has no user errors.</summary>
    public static JsonNode Succeeded(this GraphQLResponse response, string field)
    {
        var payload = response.Payload(field);
        Assert.True(payload.Codes().Count == 0, $"Expected no user errors: {response.Text}");
        return payload;
    }

    /// <summary>Asserts exactly one user error with this code and returns its message.</summary>
    public static string Refused(this GraphQLResponse response, string field, string code)
    {
        var payload = response.Payload(field);
        Assert.True(payload.Codes().SequenceEqual([code]), $"Expected only {code}: {response.Text}");
        return payload["userErrors"]![0]!["message"]!.GetValue<string>();
    }
}

/// <summary>Sends mutations the way a client does: a document per mutation, the input as a variable, optional headers.</summary>
public static class MutationRequests
{
    /// <summary>
    /// Runs <paramref name="mutation"/> with <paramref name="input"/> as the caller (anonymous when null), selecting
    /// <paramref name="select"/> and the user errors.
    /// </summary>
    public static async Task<GraphQLResponse> MutateAsync(
        this TestApp app, string mutation, object input, Caller? caller, string select = "", string? idempotencyKey = null, string? language = null)
    {
        var inputType = char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Input";
        var query = $"mutation($input: {inputType}!) {{ {mutation}(input: $input) {{ {select} userErrors {{ field message code }} }} }}";
        return await app.SendAsync(Request(query, new { input }, caller?.Token, idempotencyKey, language));
    }

    public static HttpRequestMessage Request(string query, object? variables, string? token, string? idempotencyKey = null, string? language = null, string? operationName = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query, operationName, variables }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    /// <summary>
    /// What became of a mutation: "OK", the code of its first user error, or the top-level error code
    /// (UNAUTHENTICATED …). One word per outcome makes the role matrix readable.
    /// </summary>
    public static string Outcome(this GraphQLResponse response, string mutation)
    {
        if (response.FirstErrorCode is { } code)
        {
            return code;
        }

        var errors = response.Data?[mutation]?["userErrors"]?.AsArray();
        return errors is null ? $"unexpected: {response.Text}" : errors.Count == 0 ? "OK" : errors[0]!["code"]!.GetValue<string>();
    }
}
