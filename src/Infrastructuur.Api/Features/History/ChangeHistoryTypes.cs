using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.History;

public sealed class ChangeActionType() : DescribedEnumType<ChangeAction>("What happened to a record.");

/// <summary>
/// A change record. Deliberately not a Node (its source is typed as object, so no node(id:) resolver is registered for
/// it): a change is only reachable through changeHistory, which checks who may read it.
/// </summary>
public sealed class ChangeRecordType : ObjectGraphType<object>
{
    public static readonly KeysetOrder<ChangeRecord, DateTime> Newest = new("changedAt", c => c.CreatedAt, descending: true);

    public ChangeRecordType()
    {
        Name = "ChangeRecord";
        Description = "One change to one field of a record (HSDS metadata): what changed, from what to what, when, by whom and through which mutation.";
        this.DefaultPolicy(Policies.Scoped);
        Field<NonNullGraphType<ChangeActionType>>("action").Description("Created, updated or deleted.").Resolve(ctx => Of(ctx).Action);
        Field<StringGraphType>("field")
            .Description("The changed property of the data model (e.g. Name, Description, Schedule.StartsOn, Themes); null for a creation or deletion.")
            .Resolve(ctx => Of(ctx).Field);
        Field<StringGraphType>("oldValue")
            .Description("The value before, as text (references as global IDs, dates as ISO 8601); null when there was none or it is not recorded (personal data).")
            .Resolve(ctx => Of(ctx).OldValue);
        Field<StringGraphType>("newValue")
            .Description("The value after, as text; null when there is none or it is not recorded (personal data).")
            .Resolve(ctx => Of(ctx).NewValue);
        Field<NonNullGraphType<DateTimeGraphType>>("changedAt").Description("When the change was saved (UTC).").Resolve(ctx => Of(ctx).CreatedAt);
        Field<PersonType>("changedBy")
            .Description("The person who made the change (their public display name); null for changes made outside the API or by an account without a person.")
            .Resolve(ctx => ctx.LoadById<Person>(Of(ctx).ChangedByPersonId));
        Field<StringGraphType>("mutation").Description("The mutation that made the change, e.g. describeInitiative; null outside the API.").Resolve(ctx => Of(ctx).Mutation);
    }

    private static ChangeRecord Of(IResolveFieldContext<object> ctx) => (ChangeRecord)ctx.Source;
}

public static class ChangeHistoryFields
{
    /// <summary>The version every changeable object exposes, to send back as expectedVersion.</summary>
    public static void AddVersionField<T>(this ObjectGraphType<T> type)
        where T : Entity =>
        type.Field<NonNullGraphType<IntGraphType>>("version")
            .Description("The record's version: it goes up by one with every change. Send it as expectedVersion when you change the record; a stale one is refused with CONFLICT.")
            .Policy(Policies.Public)
            .FromColumn(x => x.Version);

    /// <summary>
    /// version and changeHistory. <paramref name="mayRead"/> says whether the caller may read the history: those who may
    /// edit the object, officials of its municipality and admins. Others get null.
    /// </summary>
    public static void AddChangeHistory<T>(this ObjectGraphType<T> type, Func<IResolveFieldContext<T>, Viewer, IDataLoaderResult<bool>> mayRead)
        where T : Entity
    {
        type.AddVersionField();
        type.Field<ConnectionType<ChangeRecordType>>("changeHistory")
            .Description("Every change to this record, newest first: field, old and new value, when, by whom and through which mutation. Only for those who may edit it, officials of its municipality and admins; null for anyone else.")
            .PagingArguments()
            .Policy(Policies.Scoped)
            .ResolveAsync(async ctx =>
            {
                var viewer = await ctx.Request().ViewerAsync(ctx.CancellationToken);
                if (!viewer.IsAuthenticated)
                {
                    return null;
                }

                var allowed = mayRead(ctx, viewer);
                var page = ctx.PageChildren(db => e => db.ChangeRecords.Where(c => c.EntityId == e.Id), ChangeRecordType.Newest);
                return allowed.Then(ok => ok ? page : null);
            });
    }

    /// <summary>A decision known without the database.</summary>
    public static IDataLoaderResult<bool> Known(bool value) => new Deferred<bool>(_ => Task.FromResult(value));

    /// <summary>Officials serving one of the municipalities a loader finds for the object.</summary>
    public static IDataLoaderResult<bool> ServesAnyOf(this Viewer viewer, IDataLoaderResult<Guid[]?> municipalities) =>
        municipalities.Then(ids => viewer.IsAdmin || (ids ?? []).Any(viewer.Serves));
}

/// <summary>The municipalities a grant belongs to through its recipient, for a page of grants at once.</summary>
public sealed class MunicipalitiesByGrant(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, Guid[]>
{
    protected override async Task<IReadOnlyDictionary<Guid, Guid[]>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await GrantScope.MunicipalitiesAsync(db, keys, cancellationToken);
    }
}

/// <summary>Which municipality a grant belongs to: its recipient's (an initiative's or programme's, or where a recipient organisation works).</summary>
public static class GrantScope
{
    public static async Task<Dictionary<Guid, Guid[]>> MunicipalitiesAsync(InfrastructuurDb db, IReadOnlyCollection<Guid> grants, CancellationToken ct)
    {
        var recipients = await db.Grants.Where(g => grants.Contains(g.Id))
            .Select(g => new
            {
                g.Id,
                g.RecipientOrganisationId,
                Municipality = g.RecipientInitiativeId != null ? g.RecipientInitiative!.MunicipalityId : g.RecipientProgrammeId != null ? g.RecipientProgramme!.MunicipalityId : (Guid?)null,
            })
            .ToListAsync(ct);
        var organisations = recipients.Where(r => r.RecipientOrganisationId is not null).Select(r => r.RecipientOrganisationId!.Value).Distinct().ToList();
        var places = organisations.Count == 0 ? [] : await OrganisationMunicipalities.OfAsync(db, organisations, ct);
        return recipients.ToDictionary(
            r => r.Id,
            r => r.Municipality is { } m ? [m] : places.GetValueOrDefault(r.RecipientOrganisationId ?? Guid.Empty) ?? []);
    }

    /// <summary>Who may read or act on a grant as its applicant side: coordinators of the recipient initiative, staff of the recipient organisation.</summary>
    public static bool IsApplicantSide(this Viewer viewer, Grant grant) =>
        (grant.RecipientInitiativeId is { } initiative && viewer.Coordinates(initiative))
        || (grant.RecipientOrganisationId is { } organisation && viewer.WorksFor(organisation));
}

/// <summary>Who may read the history of each kind of record (see <see cref="ChangeHistoryFields.AddChangeHistory{T}"/>).</summary>
public static class HistoryReaders
{
    public static IDataLoaderResult<bool> Initiative(IResolveFieldContext<Initiative> ctx, Viewer viewer) =>
        ChangeHistoryFields.Known(viewer.ToEdit(ctx.Source) != Permission.None);

    public static IDataLoaderResult<bool> Activity(IResolveFieldContext<Activity> ctx, Viewer viewer) =>
        ChangeHistoryFields.Known(viewer.ToEdit(ctx.Source) != Permission.None);

    public static IDataLoaderResult<bool> Organisation(IResolveFieldContext<Organisation> ctx, Viewer viewer) =>
        viewer.WorksFor(ctx.Source.Id) ? ChangeHistoryFields.Known(true) : viewer.ServesAnyOf(ctx.Loader<MunicipalitiesByOrganisation>().Load(ctx.Source.Id));

    public static IDataLoaderResult<bool> Grant(IResolveFieldContext<Grant> ctx, Viewer viewer) =>
        viewer.IsApplicantSide(ctx.Source) ? ChangeHistoryFields.Known(true) : viewer.ServesAnyOf(ctx.Loader<MunicipalitiesByGrant>().Load(ctx.Source.Id));
}
