using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// Whose scope covers editing a record (security.md matrix): a coordinator their own initiative and its activities,
/// partner staff their own organisation and its activities, an official what lies in their municipality (to publish or
/// archive), an administrator everything. Shown as <c>viewerCanEdit</c> hints; mutations check the same scopes.
/// </summary>
public static class EditRights
{
    public static bool CanEdit(this Viewer viewer, Initiative initiative) =>
        viewer.Coordinates(initiative.Id) || viewer.Serves(initiative.MunicipalityId);

    public static bool CanEdit(this Viewer viewer, Activity activity) =>
        (activity.ProviderInitiativeId is { } initiative && viewer.Coordinates(initiative))
        || (activity.ProviderOrganisationId is { } organisation && viewer.WorksFor(organisation))
        || viewer.Serves(activity.MunicipalityId);

    /// <summary>Officials read and verify organisations but do not edit them.</summary>
    public static bool CanEdit(this Viewer viewer, Organisation organisation) => viewer.WorksFor(organisation.Id);

    /// <summary>Adds <c>viewerCanEdit</c> to a graph type: a hint for user interfaces, about the caller only.</summary>
    public static void AddViewerCanEdit<T>(this ObjectGraphType<T> type, string what, Func<Viewer, T, bool> canEdit) =>
        type.Field<NonNullGraphType<BooleanGraphType>>("viewerCanEdit")
            .Policy(Policies.Public)
            .Description($"True when your role and scope let you edit this {what} (coordinators their own initiatives and activities, partner staff their own organisation and its activities, officials what lies in their municipality, administrators everything); false for anonymous callers.")
            .ResolveAsync(async ctx =>
            {
                var source = ctx.Source;
                var viewer = await ctx.Request().ViewerAsync(ctx.CancellationToken);
                return (object?)canEdit(viewer, source);
            });
}
