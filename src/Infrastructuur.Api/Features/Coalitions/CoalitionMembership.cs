using GraphQL.Types;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Shared.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Coalitions;

/// <summary>What joinCoalition and leaveCoalition share: a coalition, a party and a day.</summary>
public abstract class CoalitionMembershipInput : MutationInput
{
    public string Coalition { get; set; } = string.Empty;

    public string Party { get; set; } = string.Empty;

    public DateOnly? On { get; set; }
}

public abstract class CoalitionMembershipInputType<TInput> : MutationInputType<TInput>
    where TInput : CoalitionMembershipInput
{
    protected CoalitionMembershipInputType(string description, string on)
        : base(description)
    {
        Field<NonNullGraphType<IdGraphType>>("coalition").Description("The coalition (its global ID).");
        Field<NonNullGraphType<IdGraphType>>("party").Description("The initiative you coordinate or the organisation you work for (Initiative or Organisation ID).");
        Field<DateOnlyGraphType>("on").Description(on);
    }
}

public static class CoalitionMembership
{
    /// <summary>
    /// The coalition, the party and its membership row (null when it never was a member), once the caller is known to
    /// act for the party; an initiative must belong to the coalition's municipality.
    /// </summary>
    public static async Task<(Coalition Coalition, PartyInput Party, CoalitionMember? Member)?> LoadAsync<TInput>(MutationRun<TInput> run)
        where TInput : CoalitionMembershipInput
    {
        var coalition = await run.FindAsync<Coalition>(run.Input.Coalition, "coalition");
        var party = await run.PartyAsync(run.Input.Party, "party");
        if (coalition is null || party is null || !run.Allow(EditScopes.ActIf(run.Viewer.MayActFor(party.Key)), "party"))
        {
            return null;
        }

        if (party.Type == nameof(Initiative) && !party.Municipalities.Contains(coalition.MunicipalityId))
        {
            run.Fail(UserErrorCode.OutsideScope, "party");
            return null;
        }

        var member = await run.Visible<CoalitionMember>().FirstOrDefaultAsync(
            m => m.CoalitionId == coalition.Id && (m.InitiativeId == party.Id || m.OrganisationId == party.Id), run.Ct);
        return (coalition, party, member);
    }
}
