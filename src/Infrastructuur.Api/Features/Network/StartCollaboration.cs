using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Network;

public sealed class StartCollaborationInput : MutationInput
{
    public string Purpose { get; set; } = string.Empty;

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public CollaborationFormality? Formality { get; set; }

    public List<string> Parties { get; set; } = [];

    public List<string>? Themes { get; set; }
}

public sealed class StartCollaborationInputType : MutationInputType<StartCollaborationInput>
{
    public StartCollaborationInputType()
        : base("A new collaboration between two or more parties. Its municipality is the one the parties share.")
    {
        Field<NonNullGraphType<StringGraphType>>("purpose").Description("What the parties work together for (at most 2,000 characters).");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day.");
        Field<DateOnlyGraphType>("endsOn").Description("The planned last day, if any; not before startsOn.");
        Field<CollaborationFormalityType>("formality").Description("How formally they bind themselves; INFORMAL when left out.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("parties").Description("The parties (Initiative or Organisation IDs), at least two.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes they work on (Theme IDs).");
    }
}

public sealed class StartCollaborationPayload : Payload<Collaboration>;

public sealed class StartCollaborationPayloadType() : PayloadType<StartCollaborationPayload, Collaboration, CollaborationType>("collaboration", "The result of startCollaboration.");

public static class StartCollaboration
{
    public static void AddStartCollaboration(this ObjectGraphType mutation) =>
        mutation.Mutation<StartCollaborationInputType, StartCollaborationPayloadType, StartCollaborationInput, StartCollaborationPayload>(
            "startCollaboration",
            Policies.Scoped,
            "Records a collaboration between parties: for a coordinator or staff member of one of the parties, an official of their municipality, or an admin. Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<StartCollaborationInput> run, StartCollaborationPayload payload)
    {
        var input = run.Input;
        var purpose = run.Text(input.Purpose, "purpose", 2000, required: true);
        run.Dates(input.StartsOn, input.EndsOn, "endsOn");
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        var parties = await run.PartiesAsync(input.Parties, "parties");
        if (run.Failed)
        {
            return;
        }

        if (parties.Count < 2)
        {
            run.Fail(UserErrorCode.Required, "parties");
            return;
        }

        if (run.SharedMunicipality(parties, "parties") is not { } municipality
            || !run.Allow(parties.Any(p => run.Viewer.MayActFor(p.Key)) || run.Viewer.Serves(municipality) ? Permission.Act : Permission.None, "parties"))
        {
            return;
        }

        var collaboration = new Collaboration
        {
            Purpose = purpose!,
            StartsOn = input.StartsOn,
            EndsOn = input.EndsOn,
            Formality = input.Formality ?? CollaborationFormality.Informal,
            MunicipalityId = municipality,
            Themes = themes,
        };
        foreach (var party in parties)
        {
            var link = new CollaborationParty { Collaboration = collaboration };
            party.Link(link);
            collaboration.Parties.Add(link);
        }

        run.Db.Add(collaboration);
        payload.Result = collaboration;
    }
}
