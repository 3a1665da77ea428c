using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// The <c>viewerCanEdit</c> hint: true exactly when the edit mutation of the object (describeInitiative, changeActivity,
/// describeOrganisation) would let the caller act, because it asks the same <see cref="EditScopes"/> rule.
/// </summary>
public static class EditRights
{
    /// <summary>Adds <c>viewerCanEdit</c> to a graph type: a hint for user interfaces, about the caller only.</summary>
    public static void AddViewerCanEdit<T>(this ObjectGraphType<T> type, string what, string mutation, Func<Viewer, T, Permission> toEdit) =>
        type.Field<NonNullGraphType<BooleanGraphType>>("viewerCanEdit")
            .Policy(Policies.Public)
            .Description($"True when your role and scope let you edit this {what} with {mutation} (coordinators their own initiatives and their activities, partner staff their own organisation and its activities, administrators everything); false for officials, who publish, verify or end instead, and for anonymous callers.")
            .ResolveAsync(async ctx =>
            {
                var source = ctx.Source;
                var viewer = await ctx.Request().ViewerAsync(ctx.CancellationToken);
                return (object?)(toEdit(viewer, source) == Permission.Act);
            });
}
