using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>
/// The write column of docs/security.md's matrix, in one place. Each rule says who may act (<see cref="Permission.Act"/>), who
/// may only see the object and so learns it is refused (<see cref="Permission.See"/>: FORBIDDEN), and leaves everyone else
/// at <see cref="Permission.None"/> (NOT_FOUND, exactly as for an ID that does not exist). Admins act everywhere: the
/// viewer's scope checks already say so. The ToEdit rules also answer <c>viewerCanEdit</c>, so the hint and the
/// describe/change mutations cannot disagree.
/// </summary>
public static class EditScopes
{
    /// <summary>Act when <paramref name="may"/>, otherwise nothing at all (NOT_FOUND).</summary>
    public static Permission ActIf(bool may) => may ? Permission.Act : Permission.None;

    /// <summary>Coordinators edit their own initiative; officials of its municipality read it.</summary>
    public static Permission ToEdit(this Viewer viewer, Initiative initiative) =>
        viewer.Coordinates(initiative.Id) ? Permission.Act : viewer.Serves(initiative.MunicipalityId) ? Permission.See : Permission.None;

    /// <summary>Officials of its municipality publish an initiative; its coordinators see that they may not.</summary>
    public static Permission ToPublish(this Viewer viewer, Initiative initiative) =>
        viewer.Serves(initiative.MunicipalityId) ? Permission.Act : viewer.Coordinates(initiative.Id) ? Permission.See : Permission.None;

    /// <summary>Ending (archiving) is for its coordinators and for officials of its municipality.</summary>
    public static Permission ToEnd(this Viewer viewer, Initiative initiative) =>
        ActIf(viewer.Coordinates(initiative.Id) || viewer.Serves(initiative.MunicipalityId));

    /// <summary>The provider edits an activity: the coordinators of its initiative, or the staff of its organisation.</summary>
    public static bool MayEdit(this Viewer viewer, Activity activity) =>
        activity.ProviderInitiativeId is { } initiative ? viewer.Coordinates(initiative) : viewer.WorksFor(activity.ProviderOrganisationId!.Value);

    public static Permission ToEdit(this Viewer viewer, Activity activity) =>
        viewer.MayEdit(activity) ? Permission.Act : viewer.Serves(activity.MunicipalityId) ? Permission.See : Permission.None;

    /// <summary>Ending (archiving) is for the provider and for officials of its municipality.</summary>
    public static Permission ToEnd(this Viewer viewer, Activity activity) =>
        ActIf(viewer.MayEdit(activity) || viewer.Serves(activity.MunicipalityId));

    /// <summary>Officials of its municipality verify an activity; the provider sees that it may not verify itself.</summary>
    public static Permission ToVerify(this Viewer viewer, Activity activity) =>
        viewer.Serves(activity.MunicipalityId) ? Permission.Act : viewer.MayEdit(activity) ? Permission.See : Permission.None;

    /// <summary>Its staff edit an organisation's profile; officials where it works read it (they verify, not edit). Needs <see cref="Organisation.Neighbourhoods"/> loaded to tell FORBIDDEN from NOT_FOUND.</summary>
    public static Permission ToEdit(this Viewer viewer, Organisation organisation) =>
        viewer.WorksFor(organisation.Id) ? Permission.Act
        : viewer.ServesAny(organisation.Neighbourhoods.Select(n => n.MunicipalityId)) ? Permission.See
        : Permission.None;

    /// <summary>Acting for a party (an initiative or an organisation): its coordinators or its staff.</summary>
    public static bool MayActFor(this Viewer viewer, (string Type, Guid Id) party) =>
        party.Type == nameof(Initiative) ? viewer.Coordinates(party.Id) : viewer.WorksFor(party.Id);

    /// <summary>Acting for the party of a link row (a collaboration's, a coalition membership's).</summary>
    public static bool MayActFor(this Viewer viewer, PartyLink link) =>
        link.InitiativeId is { } initiative ? viewer.Coordinates(initiative) : viewer.WorksFor(link.OrganisationId!.Value);

    /// <summary>Officials who serve any of these municipalities (and admins).</summary>
    public static bool ServesAny(this Viewer viewer, IEnumerable<Guid> municipalities) =>
        viewer.IsAdmin || municipalities.Any(viewer.Serves);
}
