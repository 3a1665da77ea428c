using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Signals;

public sealed class TriageSignalInput : VersionedInput
{
    public string? UnderlyingTheme { get; set; }

    public SignalStatus? Status { get; set; }
}

public sealed class TriageSignalInputType : VersionedInputType<TriageSignalInput>
{
    public TriageSignalInputType()
        : base("signal", "What the network made of a signal. Only the fields you send change.")
    {
        Field<IdGraphType>("underlyingTheme").Description("The theme the need was traced to (Theme ID), e.g. concentration problems → debt and poverty; null to clear.");
        Field<SignalStatusType>("status").Description("The new status: only forward along NEW → DISCUSSED → ADDRESSED → CLOSED (steps may be skipped).");
    }
}

public sealed class TriageSignalPayload : Payload<Signal>;

public sealed class TriageSignalPayloadType() : PayloadType<TriageSignalPayload, Signal, SignalType>("signal", "The result of triageSignal.");

public static class TriageSignal
{
    public static void AddTriageSignal(this ObjectGraphType mutation) =>
        mutation.Mutation<TriageSignalInputType, TriageSignalPayloadType, TriageSignalInput, TriageSignalPayload>(
            "triageSignal",
            Policies.Scoped,
            "Records the theme a signal was traced to and moves its status forward (officials of its municipality and admins).",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<TriageSignalInput> run, TriageSignalPayload payload)
    {
        var input = run.Input;
        var signal = await run.UpdateAsync<Signal>(input.Id, input.ExpectedVersion, (viewer, s) => viewer.Serves(s.MunicipalityId) ? Permission.Act : Permission.None);
        if (signal is null)
        {
            return;
        }

        if (run.Given("underlyingTheme"))
        {
            signal.UnderlyingThemeId = input.UnderlyingTheme is null ? null : (await run.FindAsync<Theme>(input.UnderlyingTheme, "underlyingTheme"))?.Id;
        }

        if (run.Given("status") && input.Status is { } status && run.Step(signal.Status, [.. Enum.GetValues<SignalStatus>().Where(s => s <= status)]))
        {
            signal.Status = status;
        }

        payload.Result = signal;
    }
}
