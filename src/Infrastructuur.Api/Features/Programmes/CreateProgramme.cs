using GraphQL.Types;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Programmes;

public sealed class CreateProgrammeInput : MutationInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public string? WrittenBy { get; set; }

    public string Owner { get; set; } = string.Empty;

    public List<string> Neighbourhoods { get; set; } = [];

    public List<string>? Themes { get; set; }

    public List<string>? Initiatives { get; set; }

    public List<string>? Organisations { get; set; }
}

public sealed class CreateProgrammeInputType : MutationInputType<CreateProgrammeInput>
{
    public CreateProgrammeInputType()
        : base("A new multi-year integral programme. Its municipality follows from its regions.")
    {
        Field<NonNullGraphType<StringGraphType>>("name").Description("The programme's name (at most 300 characters).");
        Field<StringGraphType>("description").Description("What it wants to achieve (at most 8,000 characters).");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of its period.");
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn").Description("The last day of its period; not before startsOn.");
        Field<StringGraphType>("writtenBy").Description("Who wrote it, in words (at most 500 characters).");
        Field<NonNullGraphType<IdGraphType>>("owner").Description("The organisation that owns it (Organisation ID): one you work for, unless you are an official of the programme's municipality.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("neighbourhoods").Description("The regions it is for (Neighbourhood IDs, at least one, in one municipality, which becomes the programme's).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Its themes (Theme IDs).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("initiatives").Description("Participating initiatives (Initiative IDs), of the programme's municipality.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("organisations").Description("Participating organisations (Organisation IDs).");
    }
}

public sealed class CreateProgrammePayload : Payload<Programme>;

public sealed class CreateProgrammePayloadType() : PayloadType<CreateProgrammePayload, Programme, ProgrammeType>("programme", "The result of createProgramme.");

public static class CreateProgramme
{
    public static void AddCreateProgramme(this ObjectGraphType mutation) =>
        mutation.Mutation<CreateProgrammeInputType, CreateProgrammePayloadType, CreateProgrammeInput, CreateProgrammePayload>(
            "createProgramme",
            Policies.Scoped,
            "Creates an integral programme as a DRAFT (staff of its owner organisation, officials of its municipality, admins). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<CreateProgrammeInput> run, CreateProgrammePayload payload)
    {
        var input = run.Input;
        var owner = await run.FindAsync<Organisation>(input.Owner, "owner");
        var (regions, municipality) = await run.RegionsAsync(input.Neighbourhoods, "neighbourhoods", required: true);
        if (owner is null || municipality is null || !run.Allow(run.Viewer.WorksFor(owner.Id) || run.Viewer.Serves(municipality.Value) ? Permission.Act : Permission.None, "owner"))
        {
            return;
        }

        var name = run.Text(input.Name, "name", 300, required: true);
        var description = run.Text(input.Description, "description", 8000);
        var writtenBy = run.Text(input.WrittenBy, "writtenBy", 500);
        run.Dates(input.StartsOn, input.EndsOn, "endsOn");
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        var initiatives = await run.FindAllAsync<Initiative>(input.Initiatives, "initiatives");
        var organisations = await run.FindAllAsync<Organisation>(input.Organisations, "organisations");
        if (initiatives.Any(i => i.MunicipalityId != municipality))
        {
            run.Fail(UserErrorCode.OutsideScope, "initiatives");
        }

        if (run.Failed)
        {
            return;
        }

        var programme = new Programme
        {
            Name = name!,
            Description = description,
            StartsOn = input.StartsOn,
            EndsOn = input.EndsOn,
            WrittenBy = writtenBy,
            OwnerId = owner.Id,
            MunicipalityId = municipality.Value,
            Status = ProgrammeStatus.Draft,
            Neighbourhoods = regions,
            Themes = themes,
            Initiatives = initiatives,
            Organisations = organisations,
        };
        run.Db.Add(programme);
        payload.Result = programme;
    }
}
