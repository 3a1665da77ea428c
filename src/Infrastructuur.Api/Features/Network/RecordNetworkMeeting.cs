using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Network;

public sealed class RecordNetworkMeetingInput : MutationInput
{
    public string Name { get; set; } = string.Empty;

    public DateOnly HeldOn { get; set; }

    public string? Area { get; set; }

    public string? Organiser { get; set; }

    public List<string>? Participants { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? SignalsDiscussed { get; set; }

    public List<string>? CollaborationsStarted { get; set; }

    public string? OutcomeNotes { get; set; }
}

public sealed class RecordNetworkMeetingInputType : MutationInputType<RecordNetworkMeetingInput>
{
    public RecordNetworkMeetingInputType()
        : base("A network meeting that took place: who came, what was discussed and what came of it. Its municipality is the area's, or the one you serve.")
    {
        Field<NonNullGraphType<StringGraphType>>("name").Description("The meeting's name (at most 300 characters).");
        Field<NonNullGraphType<DateOnlyGraphType>>("heldOn").Description("The day of the meeting.");
        Field<IdGraphType>("area").Description("The working area it was about (Area ID); leave out for a meeting of the whole municipality you serve.");
        Field<IdGraphType>("organiser").Description("The organisation that organised it (Organisation ID).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("participants").Description("The parties that took part (Initiative or Organisation IDs).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes on the agenda (Theme IDs).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("signalsDiscussed").Description("The signals discussed (Signal IDs), of the meeting's municipality.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("collaborationsStarted").Description("Outcome: collaborations the meeting started (Collaboration IDs), of the meeting's municipality.");
        Field<StringGraphType>("outcomeNotes").Description("Outcome: what was agreed, in words (at most 8,000 characters).");
    }
}

public sealed class RecordNetworkMeetingPayload : Payload<NetworkMeeting>;

public sealed class RecordNetworkMeetingPayloadType() : PayloadType<RecordNetworkMeetingPayload, NetworkMeeting, NetworkMeetingType>("networkMeeting", "The result of recordNetworkMeeting.");

public static class RecordNetworkMeeting
{
    public static void AddRecordNetworkMeeting(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordNetworkMeetingInputType, RecordNetworkMeetingPayloadType, RecordNetworkMeetingInput, RecordNetworkMeetingPayload>(
            "recordNetworkMeeting",
            Policies.Scoped,
            "Records a network meeting with its participants and outcomes (officials of its municipality and admins). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordNetworkMeetingInput> run, RecordNetworkMeetingPayload payload)
    {
        var input = run.Input;
        var area = input.Area is null ? null : await run.FindAsync<Area>(input.Area, "area");
        var municipality = area?.MunicipalityId ?? (run.Viewer.Municipalities.Count == 1 ? run.Viewer.Municipalities.Single() : null);
        if (run.Failed)
        {
            return;
        }

        if (municipality is null)
        {
            run.Fail(UserErrorCode.Required, "area");
            return;
        }

        if (!run.Allow(EditScopes.ActIf(run.Viewer.Serves(municipality.Value)), "area"))
        {
            return;
        }

        var name = run.Text(input.Name, "name", 300, required: true);
        var notes = run.Text(input.OutcomeNotes, "outcomeNotes", 8000);
        var organiser = input.Organiser is null ? null : await run.FindAsync<Organisation>(input.Organiser, "organiser");
        var participants = await run.PartiesAsync(input.Participants, "participants");
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        var signals = await run.FindAllAsync<Signal>(input.SignalsDiscussed, "signalsDiscussed");
        var collaborations = await run.FindAllAsync<Collaboration>(input.CollaborationsStarted, "collaborationsStarted");
        if (signals.Any(s => s.MunicipalityId != municipality))
        {
            run.Fail(UserErrorCode.OutsideScope, "signalsDiscussed");
        }

        if (collaborations.Any(c => c.MunicipalityId != municipality))
        {
            run.Fail(UserErrorCode.OutsideScope, "collaborationsStarted");
        }

        if (run.Failed)
        {
            return;
        }

        var meeting = new NetworkMeeting
        {
            Title = name!,
            Date = input.HeldOn,
            MunicipalityId = municipality.Value,
            AreaId = area?.Id,
            OrganiserId = organiser?.Id,
            OutcomeNotes = notes,
            Themes = themes,
            SignalsDiscussed = signals,
            CollaborationsStarted = collaborations,
        };
        foreach (var party in participants)
        {
            var participant = new MeetingParticipant();
            party.Link(participant);
            meeting.Participants.Add(participant);
        }

        run.Db.Add(meeting);
        payload.Result = meeting;
    }
}
