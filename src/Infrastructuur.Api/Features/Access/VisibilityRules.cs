using System.Linq.Expressions;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// The row-level policy on one page (docs/security.md, "Authorization"). Published rows are public; unpublished ones are
/// visible to the scope that owns them, to officials serving their municipality and to administrators (who skip these
/// rules altogether). A row that hangs off a hidden row (an activity of a draft initiative, an allocation of a hidden
/// grant, a coalition membership of a draft initiative) is hidden with it, so no path leads to a hidden row.
/// Scopes are the viewer's database scopes; <see cref="Viewer"/> loads each only for the role that uses it.
/// </summary>
public static class VisibilityRules
{
    /// <summary>Draft initiatives: their coordinators, officials of their municipality.</summary>
    public static Expression<Func<Initiative, bool>> Initiative(Viewer viewer)
    {
        var coordinated = viewer.CoordinatedInitiatives.ToList();
        var served = viewer.Municipalities.ToList();
        return Visibility.AnyOf<Initiative>(
            i => i.Status != InitiativeStatus.Draft,
            coordinated.Count > 0 ? i => coordinated.Contains(i.Id) : null,
            served.Count > 0 ? i => served.Contains(i.MunicipalityId) : null);
    }

    /// <summary>Draft activities: the provider's scope (coordinators of the providing initiative, staff of the providing organisation), officials of the activity's municipality; never one of a hidden initiative.</summary>
    public static Expression<Func<Activity, bool>> Activity(Viewer viewer)
    {
        var coordinated = Nullable(viewer.CoordinatedInitiatives);
        var organisations = Nullable(viewer.Organisations);
        var served = viewer.Municipalities.ToList();
        var own = Visibility.AnyOf<Activity>(
            a => a.Status != ActivityStatus.Draft,
            coordinated.Count > 0 ? a => coordinated.Contains(a.ProviderInitiativeId) : null,
            organisations.Count > 0 ? a => organisations.Contains(a.ProviderOrganisationId) : null,
            served.Count > 0 ? a => served.Contains(a.MunicipalityId) : null);
        return Visibility.AllOf(own, Optional<Activity, Initiative>(a => a.ProviderInitiativeId == null, a => a.ProviderInitiative!, Initiative(viewer)));
    }

    /// <summary>
    /// Applications (APPLIED) and rejections: the applicant's scope (coordinators of the recipient initiative, staff of the
    /// recipient organisation or of the programme's owner), the funder's staff, officials serving the funder's or the
    /// recipient's municipality; never a grant to a hidden initiative. Awarded grants are public, as municipal subsidies are.
    /// </summary>
    public static Expression<Func<Grant, bool>> Grant(Viewer viewer)
    {
        var coordinated = Nullable(viewer.CoordinatedInitiatives);
        var organisations = viewer.Organisations.ToList();
        var recipients = Nullable(viewer.Organisations);
        var served = viewer.Municipalities.ToList();
        var own = Visibility.AnyOf<Grant>(
            g => g.Status != GrantStatus.Applied && g.Status != GrantStatus.Rejected,
            coordinated.Count > 0 ? g => coordinated.Contains(g.RecipientInitiativeId) : null,
            organisations.Count > 0
                ? g => organisations.Contains(g.FunderId) || recipients.Contains(g.RecipientOrganisationId) || organisations.Contains(g.RecipientProgramme!.OwnerId)
                : null,
            served.Count > 0
                ? g => served.Contains(g.RecipientInitiative!.MunicipalityId) || served.Contains(g.RecipientProgramme!.MunicipalityId)
                    || g.Funder!.Neighbourhoods.Any(n => served.Contains(n.MunicipalityId))
                    || g.RecipientOrganisation!.Neighbourhoods.Any(n => served.Contains(n.MunicipalityId))
                : null);
        return Visibility.AllOf(own, Optional<Grant, Initiative>(g => g.RecipientInitiativeId == null, g => g.RecipientInitiative!, Initiative(viewer)));
    }

    /// <summary>
    /// Signals are records about residents, never public (docs/security.md: outside these scopes counts per area and theme
    /// only, small cells suppressed): officials of their municipality; staff of the reporting organisation or of one
    /// whose activity answers the signal (referred to it); coordinators of an initiative whose activity answers it.
    /// Residents read none: who raised a signal is never recorded, so "own" cannot be told apart.
    /// </summary>
    public static Expression<Func<Signal, bool>> Signal(Viewer viewer)
    {
        var coordinated = Nullable(viewer.CoordinatedInitiatives);
        var organisations = Nullable(viewer.Organisations);
        var served = viewer.Municipalities.ToList();
        return Visibility.AnyOf<Signal>(
            served.Count > 0 ? s => served.Contains(s.MunicipalityId) : null,
            organisations.Count > 0
                ? s => organisations.Contains(s.ReportedByOrganisationId) || s.Responses.Any(r => organisations.Contains(r.Activity!.ProviderOrganisationId))
                : null,
            coordinated.Count > 0 ? s => s.Responses.Any(r => coordinated.Contains(r.Activity!.ProviderInitiativeId)) : null);
    }

    /// <summary>Either <paramref name="absent"/> holds (there is no such row), or the row the navigation leads to passes <paramref name="rule"/>.</summary>
    internal static Expression<Func<TOuter, bool>> Optional<TOuter, TInner>(Expression<Func<TOuter, bool>> absent, Expression<Func<TOuter, TInner>> navigation, Expression<Func<TInner, bool>> rule) =>
        Visibility.AnyOf(absent, Visibility.Through(navigation, rule));

    private static List<Guid?> Nullable(IReadOnlySet<Guid> ids) => [.. ids.Select(id => (Guid?)id)];
}

internal sealed class InitiativeVisibility : IVisibilityRule<Initiative>
{
    public Expression<Func<Initiative, bool>> Visible(Viewer viewer) => VisibilityRules.Initiative(viewer);
}

internal sealed class ActivityVisibility : IVisibilityRule<Activity>
{
    public Expression<Func<Activity, bool>> Visible(Viewer viewer) => VisibilityRules.Activity(viewer);
}

internal sealed class GrantVisibility : IVisibilityRule<Grant>
{
    public Expression<Func<Grant, bool>> Visible(Viewer viewer) => VisibilityRules.Grant(viewer);
}

internal sealed class SignalVisibility : IVisibilityRule<Signal>
{
    public Expression<Func<Signal, bool>> Visible(Viewer viewer) => VisibilityRules.Signal(viewer);
}

internal sealed class ReachRecordVisibility : IVisibilityRule<ReachRecord>
{
    public Expression<Func<ReachRecord, bool>> Visible(Viewer viewer) => Visibility.Through<ReachRecord, Activity>(r => r.Activity!, VisibilityRules.Activity(viewer));
}

internal sealed class GrantAllocationVisibility : IVisibilityRule<GrantAllocation>
{
    public Expression<Func<GrantAllocation, bool>> Visible(Viewer viewer) => Visibility.Through<GrantAllocation, Grant>(a => a.Grant!, VisibilityRules.Grant(viewer));
}

internal sealed class DisbursementVisibility : IVisibilityRule<Disbursement>
{
    public Expression<Func<Disbursement, bool>> Visible(Viewer viewer) => Visibility.Through<Disbursement, Grant>(d => d.Grant!, VisibilityRules.Grant(viewer));
}

/// <summary>An accepted coordinator is seen with their initiative; an invitation only by the invitee and the initiative's coordinators.</summary>
internal sealed class InitiativeCoordinatorVisibility : IVisibilityRule<InitiativeCoordinator>
{
    public Expression<Func<InitiativeCoordinator, bool>> Visible(Viewer viewer)
    {
        var person = viewer.PersonId;
        var coordinated = viewer.CoordinatedInitiatives.ToList();
        return Visibility.AnyOf(
            Visibility.AllOf<InitiativeCoordinator>(c => c.AcceptedAt != null, Visibility.Through<InitiativeCoordinator, Initiative>(c => c.Initiative!, VisibilityRules.Initiative(viewer))),
            person is null ? null : c => c.AcceptedAt == null && c.PersonId == person,
            coordinated.Count > 0 ? c => c.AcceptedAt == null && coordinated.Contains(c.InitiativeId) : null);
    }
}

internal sealed class ReinvestmentAllocationVisibility : IVisibilityRule<ReinvestmentAllocation>
{
    public Expression<Func<ReinvestmentAllocation, bool>> Visible(Viewer viewer) =>
        VisibilityRules.Optional<ReinvestmentAllocation, Initiative>(a => a.InitiativeId == null, a => a.Initiative!, VisibilityRules.Initiative(viewer));
}

/// <summary>A membership, a collaboration party or a meeting participant is hidden with the draft initiative it names.</summary>
internal abstract class PartyLinkVisibility<TLink> : IVisibilityRule<TLink>
    where TLink : PartyLink
{
    public Expression<Func<TLink, bool>> Visible(Viewer viewer) =>
        VisibilityRules.Optional<TLink, Initiative>(l => l.InitiativeId == null, l => l.Initiative!, VisibilityRules.Initiative(viewer));
}

internal sealed class CoalitionMemberVisibility : PartyLinkVisibility<CoalitionMember>;

internal sealed class CollaborationPartyVisibility : PartyLinkVisibility<CollaborationParty>;

internal sealed class MeetingParticipantVisibility : PartyLinkVisibility<MeetingParticipant>;

/// <summary>Access-log entries: the person they are about; administrators.</summary>
internal sealed class AccessLogEntryVisibility : IVisibilityRule<AccessLogEntry>
{
    public Expression<Func<AccessLogEntry, bool>> Visible(Viewer viewer)
    {
        var person = viewer.PersonId;
        return person is null ? _ => false : e => e.PersonId == person;
    }
}
