using GraphQL.Types;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public sealed class ScheduleActivityInput : ActivityDetailsInput
{
    public string Provider { get; set; } = string.Empty;
}

public sealed class ScheduleActivityInputType : MutationInputType<ScheduleActivityInput>
{
    public ScheduleActivityInputType()
        : base("A new activity. Its municipality follows from its provider (an initiative) or its regions (an organisation).")
    {
        Field<NonNullGraphType<IdGraphType>>("provider").Description("Who provides it: an initiative you coordinate or an organisation you work for (Initiative or Organisation ID).");
        this.AddDetailFields(creating: true);
    }
}

public sealed class ScheduleActivityPayload : Payload<Activity>;

public sealed class ScheduleActivityPayloadType() : PayloadType<ScheduleActivityPayload, Activity, ActivityType>("activity", "The result of scheduleActivity.");

public static class ScheduleActivity
{
    public static void AddScheduleActivity(this ObjectGraphType mutation) =>
        mutation.Mutation<ScheduleActivityInputType, ScheduleActivityPayloadType, ScheduleActivityInput, ScheduleActivityPayload>(
            "scheduleActivity",
            Policies.Scoped,
            "Puts a new activity on offer (ACTIVE) for an initiative you coordinate or an organisation you work for (admins: any). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<ScheduleActivityInput> run, ScheduleActivityPayload payload)
    {
        var input = run.Input;
        if (run.AnyId(input.Provider, "provider", nameof(Initiative), nameof(Organisation)) is not { } provider)
        {
            return;
        }

        var municipality = provider.Type == nameof(Initiative)
            ? (await run.ActOnAsync<Initiative>(provider.Id, "provider", EditScopes.ToEdit))?.MunicipalityId
            : await run.ActOnAsync<Organisation>(provider.Id, "provider", (viewer, o) => viewer.WorksFor(o.Id) ? Permission.Act : Permission.None) is not null
                ? (await run.RegionsAsync(input.Neighbourhoods, "neighbourhoods", required: true)).Municipality
                : null;
        if (municipality is null || run.Failed)
        {
            return;
        }

        var activity = new Activity
        {
            Name = string.Empty,
            Status = ActivityStatus.Active,
            MunicipalityId = municipality.Value,
            ProviderInitiativeId = provider.Type == nameof(Initiative) ? provider.Id : null,
            ProviderOrganisationId = provider.Type == nameof(Organisation) ? provider.Id : null,
        };
        await ActivityDetails.ApplyAsync(run, activity, municipality.Value);
        run.Db.Add(activity);
        payload.Result = activity;
    }
}
