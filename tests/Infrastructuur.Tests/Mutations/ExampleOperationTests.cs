using GraphQL.Types;
using GraphQLParser.AST;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// The example mutations in schema/operations/mutations, one file per role, run as that role against a fresh world:
/// every one must succeed without errors, and together they must use every mutation the schema has.
/// </summary>
public abstract class ExampleOperationTests(Func<TestApp> app)
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepoRoot, "schema", "operations", "mutations");

    [SkippableFact]
    public async Task Every_example_mutation_runs_as_its_role_without_errors()
    {
        var w = await MutationWorld.CreateAsync(app());
        var s = await Setup.CreateAsync(w);
        var variables = Variables(w, s);
        var callers = new Dictionary<string, Caller?>
        {
            ["coordinator"] = w.Coordinator, ["partner-staff"] = w.Staff, ["municipal-official"] = w.Official,
            ["admin"] = w.Admin, ["resident"] = w.Resident, ["anonymous"] = null,
        };

        foreach (var (file, caller) in callers)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(Folder, file + ".graphql"));
            foreach (var (operation, field) in Operations(text))
            {
                Assert.True(variables.ContainsKey(operation), $"{file}.graphql: no variables for {operation}");
                var request = MutationRequests.Request(text, new { input = await variables[operation]() }, caller?.Token, operationName: operation);
                var response = await app().SendAsync(request);
                Assert.True(response.Outcome(field) == "OK", $"{file}.graphql {operation}: {response.Text}");
            }
        }
    }

    [Fact]
    public void The_examples_use_every_mutation_of_the_schema()
    {
        var used = Directory.GetFiles(Folder, "*.graphql").SelectMany(f => Operations(File.ReadAllText(f))).Select(o => o.Field).ToHashSet(StringComparer.Ordinal);
        var schema = app().Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var all = schema.Mutation!.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(all.Except(used));
        Assert.Empty(used.Except(all));
    }

    private static IEnumerable<(string Operation, string Field)> Operations(string text) =>
        GraphQLParser.Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>()
            .Select(o => (o.Name!.StringValue, ((GraphQLField)o.SelectionSet.Selections[0]).Name.StringValue));

    private static Dictionary<string, Func<Task<object>>> Variables(MutationWorld w, Setup s)
    {
        var own = w.Own;
        Func<Task<object>> Fixed(object input) => () => Task.FromResult(input);
        Func<Task<object>> Versioned<T>(T record, object? extra = null)
            where T : Api.Data.Entity => async () => await w.VersionedInputAsync(record, extra);
        var signal = new { observedOn = "2025-03-01", neighbourhood = Id(own.BuurtA), themes = new[] { Id(own.Theme) } };

        return new Dictionary<string, Func<Task<object>>>
        {
            ["StartInitiative"] = Fixed(new { name = "Repair Café (voorbeeld)", neighbourhoods = new[] { Id(own.BuurtA) }, themes = new[] { Id(own.Theme) } }),
            ["DescribeInitiative"] = Versioned(own.InitiativeA, new { description = "Bewoners koken samen." }),
            ["PauseInitiative"] = Versioned(own.InitiativeA),
            ["AddCoordinator"] = Fixed(new { initiative = Id(own.InitiativeA), person = Id(w.Resident.Person), role = "vrijwilliger" }),
            ["RemoveCoordinator"] = Fixed(new { initiative = Id(own.InitiativeA), person = Id(w.Resident.Person) }),
            ["ScheduleActivity"] = Fixed(new { provider = Id(own.InitiativeA), name = "Zaterdagkeuken", neighbourhoods = new[] { Id(own.BuurtB) }, schedule = new { kind = "RECURRING", weekday = "SATURDAY", startTime = "10:00:00", endTime = "12:00:00" } }),
            ["ChangeActivity"] = Versioned(s.InitiativeActivity, new { capacity = 25, cost = new { isFree = true } }),
            ["PauseActivity"] = Versioned(s.InitiativeActivity),
            ["RecordReach"] = Fixed(new { activity = Id(s.InitiativeActivity), startsOn = "2025-07-01", endsOn = "2025-08-31", count = 120, countingMethod = "HEADCOUNT" }),
            ["ApplyForGrant"] = Fixed(new { name = "Buurtfeest", funder = Id(s.Grant.Funder!), recipient = Id(own.InitiativeA), amountAppliedFor = 750m }),
            ["JoinCoalition"] = Fixed(new { coalition = Id(s.Coalition), party = Id(own.InitiativeA), on = "2025-01-01" }), // leaving (today) comes at least a day later
            ["LeaveCoalition"] = Fixed(new { coalition = Id(s.Coalition), party = Id(own.InitiativeA) }),
            ["DescribeOrganisation"] = Versioned(own.OrganisationA, new { description = "Basisschool in de wijk.", website = "https://school.example" }),
            ["ScheduleOrganisationActivity"] = Fixed(new { provider = Id(own.OrganisationA), name = "Ouderavond gezonde voeding", neighbourhoods = new[] { Id(own.BuurtA) }, schedule = new { kind = "ONE_OFF", startsOn = "2026-06-06" }, location = new { place = "Spijkenisse", postcode = "3201 AB" } }),
            ["EndActivity"] = Versioned(s.OrganisationActivity),
            ["RaiseSignalForOrganisation"] = Fixed(new { signal.observedOn, signal.neighbourhood, signal.themes, reportingOrganisation = Id(own.OrganisationA) }),
            ["StartCollaboration"] = Fixed(new { purpose = "Voedingslessen op school", startsOn = "2025-09-01", formality = "CONTRACT", parties = new[] { Id(own.InitiativeA), Id(own.OrganisationA) } }),
            ["CreateProgramme"] = Fixed(new { name = "Gezond Opgroeien (voorbeeld)", startsOn = "2026-01-01", endsOn = "2030-12-31", owner = Id(own.OrganisationA), neighbourhoods = new[] { Id(own.BuurtA) } }),
            ["AddProgrammeGoal"] = Fixed(new { programme = Id(s.Programme), text = "Meer kinderen ontbijten thuis", indicator = "% kinderen", baseline = 62.5m, target = 80m }),
            ["RecordGoalMeasurement"] = Fixed(new { goal = Id(s.Goal), measuredOn = "2025-06-01", value = 66.0m }),
            ["RecordShareholding"] = Fixed(new { shareClass = Id(s.ShareClass), holder = Id(own.OrganisationB), shares = 5, startsOn = "2025-01-01" }),
            ["RecordReinvestment"] = Fixed(new { company = Id(s.Company), year = 2025, profit = 1000m, amountReinvested = 600m, decidedAt = "Algemene vergadering 2026-05-12", allocations = new[] { new { initiative = Id(own.InitiativeA), amount = 600m } } }),
            ["PublishInitiative"] = Versioned(own.InitiativeB),
            ["EndInitiative"] = Versioned(own.InitiativeB),
            ["VerifyActivity"] = Versioned(s.VerifiedActivity),
            ["VerifyOrganisation"] = Versioned(own.OrganisationA),
            ["TriageSignal"] = Versioned(s.Signal, new { status = "DISCUSSED", underlyingTheme = Id(own.OtherTheme) }),
            ["LinkSignalResponse"] = Fixed(new { signal = Id(s.Signal), activities = new[] { Id(s.InitiativeActivity) } }),
            ["UnlinkSignalResponse"] = Fixed(new { signal = Id(s.Signal), activities = new[] { Id(s.InitiativeActivity) } }),
            ["RecordNetworkMeeting"] = Fixed(new { name = "Gebiedsoverleg", heldOn = "2025-04-01", area = Id(own.Area), participants = new[] { Id(own.InitiativeA), Id(own.OrganisationA) } }),
            ["EndCollaboration"] = Versioned(s.Collaboration, new { endsOn = "2026-12-31" }),
            ["AwardGrant"] = Versioned(s.Grant, new { amountAwarded = 1000m, allocations = new[] { new { budgetLine = Id(s.Line), amount = 600m }, new { budgetLine = Id(s.SecondLine), amount = 400m } } }),
            ["RecordDisbursement"] = Fixed(new { grant = Id(s.Grant), paidOn = "2025-06-01", amount = 500m, budgetLine = Id(s.Line) }),
            ["RejectGrant"] = Versioned(s.OtherGrant),
            ["RaiseSignal"] = Fixed(signal),
            ["RaiseSignalAnonymously"] = Fixed(signal),
            ["AcceptCoordinatorInvitation"] = Fixed(new { invitation = Id(s.Invitation) }),
            ["DeclineCoordinatorInvitation"] = Fixed(new { invitation = Id(s.OtherInvitation) }),
        };
    }

    /// <summary>The records the examples act on, besides the world's own.</summary>
    private sealed record Setup(
        Activity InitiativeActivity,
        Activity OrganisationActivity,
        Activity VerifiedActivity,
        Api.Features.Signals.Signal Signal,
        Coalition Coalition,
        Collaboration Collaboration,
        Api.Features.Funding.Grant Grant,
        Api.Features.Funding.BudgetLine Line,
        Api.Features.Funding.BudgetLine SecondLine,
        Api.Features.Funding.Grant OtherGrant,
        Programme Programme,
        ProgrammeGoal Goal,
        NeighbourhoodCompany Company,
        ShareClass ShareClass,
        Api.Features.People.InitiativeCoordinator Invitation,
        Api.Features.People.InitiativeCoordinator OtherInvitation)
    {
        public static async Task<Setup> CreateAsync(MutationWorld w)
        {
            var own = w.Own;
            var initiativeActivity = await w.ActivityAsync(own, initiative: own.InitiativeA);
            var organisationActivity = await w.ActivityAsync(own, organisation: own.OrganisationA);
            var verifiedActivity = await w.ActivityAsync(own, organisation: own.OrganisationA);
            var signal = await w.SignalAsync(own);
            var (grant, line, secondLine) = await w.GrantAsync(own, applicant: w.Coordinator);
            var (otherGrant, _, _) = await w.GrantAsync(own, applicant: null);
            var coalition = new Coalition { Name = $"Huis van de Wijk {Guid.NewGuid():N} (voorbeeld)", MunicipalityId = own.Municipality.Id };
            var collaboration = new Collaboration { Purpose = "Samen", StartsOn = new DateOnly(2025, 1, 1), MunicipalityId = own.Municipality.Id };
            var programme = new Programme { Name = $"Programma {Guid.NewGuid():N}", StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2029, 12, 31), OwnerId = own.OrganisationA.Id, MunicipalityId = own.Municipality.Id };
            var goal = new ProgrammeGoal { Text = "Minder schulden", Position = 1 };
            programme.Goals.Add(goal);
            var company = new NeighbourhoodCompany { OrganisationId = own.OrganisationA.Id, Purpose = "Wijk-BV (voorbeeld)" };
            var shareClass = new ShareClass { Name = "Gewoon", NominalValueCents = 100 };
            company.ShareClasses.Add(shareClass);

            // The resident is invited to coordinate two initiatives (pending: AcceptedAt null), to accept one and decline one.
            var invitation = new Api.Features.People.InitiativeCoordinator { InitiativeId = own.InitiativeB.Id, PersonId = w.Resident.Person.Id, Since = new DateOnly(2025, 1, 1) };
            var otherInvitation = new Api.Features.People.InitiativeCoordinator { InitiativeId = w.Other.InitiativeB.Id, PersonId = w.Resident.Person.Id, Since = new DateOnly(2025, 1, 1) };
            await using var db = await w.App.OpenDbAsync();
            db.AddRange(coalition, collaboration, programme, company, invitation, otherInvitation);
            (await db.Initiatives.FindAsync(own.InitiativeA.Id))!.Status = InitiativeStatus.Active;
            await db.SaveChangesAsync();
            return new Setup(initiativeActivity, organisationActivity, verifiedActivity, signal, coalition, collaboration, grant, line, secondLine, otherGrant, programme, goal, company, shareClass, invitation, otherInvitation);
        }
    }
}

public sealed class SqliteExampleOperationTests(SqliteAppFixture fixture) : ExampleOperationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresExampleOperationTests(PostgresAppFixture fixture) : ExampleOperationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>The write side's part of "every field carries an explicit policy": the enforcement rule reads this metadata.</summary>
public sealed class MutationPolicyTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Fact]
    public void Every_mutation_and_every_field_of_its_payloads_and_of_the_change_history_carries_a_policy()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var mutation = schema.Mutation!;
        var unmarked = mutation.Fields.Where(f => Api.GraphQL.Policies.PolicyOf(mutation, f) is null).Select(f => $"Mutation.{f.Name}").ToList();
        foreach (var type in schema.AllTypes.OfType<IObjectGraphType>().Where(t => t.Name.EndsWith("Payload", StringComparison.Ordinal) || t.Name is "UserError" or "ChangeRecord"))
        {
            unmarked.AddRange(type.Fields.Where(f => Api.GraphQL.Policies.PolicyOf(type, f) is null).Select(f => $"{type.Name}.{f.Name}"));
        }

        foreach (var name in new[] { "Initiative", "Activity", "Organisation", "Grant" })
        {
            var type = (IObjectGraphType)schema.AllTypes[name]!;
            Assert.Equal(Api.GraphQL.Policies.Scoped, Api.GraphQL.Policies.PolicyOf(type, type.GetField("changeHistory")!));
            Assert.Equal(Api.GraphQL.Policies.Public, Api.GraphQL.Policies.PolicyOf(type, type.GetField("version")!));
        }

        Assert.Empty(unmarked);
        Assert.Equal(Api.GraphQL.Policies.Public, Api.GraphQL.Policies.PolicyOf(mutation, mutation.GetField("raiseSignal")!));
        Assert.All(mutation.Fields.Where(f => f.Name != "raiseSignal"), f => Assert.NotEqual(Api.GraphQL.Policies.Public, Api.GraphQL.Policies.PolicyOf(mutation, f)));
    }
}
