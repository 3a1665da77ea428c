using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Signals;

// Deliberately no field about a person: not the reporter's name or contact, not the residents concerned.
public sealed class RaiseSignalInput : MutationInput
{
    public DateOnly ObservedOn { get; set; }

    public string Neighbourhood { get; set; } = string.Empty;

    public List<string>? Themes { get; set; }

    public string? TargetGroup { get; set; }

    public string? Description { get; set; }

    public string? ReportingOrganisation { get; set; }
}

public sealed class RaiseSignalInputType : MutationInputType<RaiseSignalInput>
{
    public RaiseSignalInputType()
        : base("An observed need. It asks nothing about persons: who raised it is never recorded for a resident.")
    {
        Field<NonNullGraphType<DateOnlyGraphType>>("observedOn").Description("The day the need was observed; not in the future.");
        Field<NonNullGraphType<IdGraphType>>("neighbourhood").Description("Where it was observed (Neighbourhood ID); its municipality becomes the signal's.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("themes").Description("The themes of the need (Theme IDs), at least one.");
        Field<IdGraphType>("targetGroup").Description("The group of people it concerns (TargetGroup ID), if known.");
        Field<StringGraphType>("description").Description("The need in a few sentences (at most 4,000 characters). Do not name or describe individual people: write about the situation, not about whom.");
        Field<IdGraphType>("reportingOrganisation").Description("Raise it on behalf of an organisation you work for (Organisation ID); leave out to raise it as a resident.");
    }
}

public sealed class RaiseSignalPayload : Payload<Signal>;

public sealed class RaiseSignalPayloadType() : PayloadType<RaiseSignalPayload, Signal, SignalType>("signal", "The result of raiseSignal.");

public static class RaiseSignal
{
    public static void AddRaiseSignal(this ObjectGraphType mutation)
    {
        var field = mutation.Mutation<RaiseSignalInputType, RaiseSignalPayloadType, RaiseSignalInput, RaiseSignalPayload>(
            "raiseSignal",
            Policies.Public,
            "Raises a signal of an observed need: anyone may, also without signing in (rate-limited per caller). Staff may raise it on behalf of their organisation. Send an Idempotency-Key to retry safely.",
            HandleAsync);
        field.Metadata[MutationFields.RateLimitedMetadataKey] = true;
    }

    private static async Task HandleAsync(MutationRun<RaiseSignalInput> run, RaiseSignalPayload payload)
    {
        var input = run.Input;
        var region = await run.FindAsync<Neighbourhood>(input.Neighbourhood, "neighbourhood");
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        var targetGroup = input.TargetGroup is null ? null : await run.FindAsync<TargetGroup>(input.TargetGroup, "targetGroup");
        var organisation = input.ReportingOrganisation is null ? null : await run.FindAsync<Organisation>(input.ReportingOrganisation, "reportingOrganisation");
        if (organisation is not null)
        {
            run.Allow(EditScopes.ActIf(run.Viewer.WorksFor(organisation.Id)), "reportingOrganisation");
        }

        if (themes.Count == 0 && !run.Failed)
        {
            run.Fail(UserErrorCode.Required, "themes");
        }

        run.NotInFuture(input.ObservedOn, "observedOn");
        var description = run.Text(input.Description, "description", 4000);
        if (region is null || run.Failed)
        {
            return;
        }

        // Who raised a signal is never recorded: its change history names no author (the organisation, if any, is on the signal).
        run.Db.Audit = run.Db.Audit! with { Subject = null, PersonId = null };
        var signal = new Signal
        {
            ObservedOn = input.ObservedOn,
            NeighbourhoodId = region.Id,
            MunicipalityId = region.MunicipalityId,
            Themes = themes,
            TargetGroupId = targetGroup?.Id,
            ReportedByOrganisationId = organisation?.Id,
            ReportedByResident = organisation is null,
            Description = description,
        };
        run.Db.Add(signal);
        payload.Result = signal;
    }
}
