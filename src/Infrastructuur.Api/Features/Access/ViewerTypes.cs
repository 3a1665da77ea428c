using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Api.GraphQL.Federation;

namespace Infrastructuur.Api.Features.Access;

// Everything on the viewer is about the caller themself, so the type is public: an anonymous caller simply sees
// isAuthenticated false, role ANONYMOUS and empty scopes.
public sealed class ViewerType : ObjectGraphType<Viewer>
{
    public ViewerType()
    {
        Name = "Viewer";
        Description = "You, the caller: your role (from your token) and what it covers (from the database), your access log and an export of your personal data.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<BooleanGraphType>>("isAuthenticated").Description("True when the request carries a valid token.").Resolve(ctx => ctx.Source.IsAuthenticated);
        Field<NonNullGraphType<RoleType>>("role").Description("The role your token carries; ANONYMOUS without a token.").Resolve(ctx => ctx.Source.Role);
        Field<PersonType>("person")
            .Description("The person your sign-in is linked to; null when it is linked to none.")
            .Resolve(ctx => ctx.LoadById<Person>(ctx.Source.PersonId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeType>>>>("coordinatedInitiatives")
            .Description("The initiatives you coordinate (as a coordinator), by name.")
            .ResolveAsync(async ctx => await ScopeAsync(ctx, ctx.Source.CoordinatedInitiatives, db => db.Initiatives, i => i.NameKey));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationType>>>>("employers")
            .Description("The organisations you work for (as partner staff), by name.")
            .ResolveAsync(async ctx => await ScopeAsync(ctx, ctx.Source.Organisations, db => db.Organisations, o => o.NameKey));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MunicipalityType>>>>("municipalities")
            .Description("The municipalities you serve (as a municipal official), by name.")
            .ResolveAsync(async ctx => await ScopeAsync(ctx, ctx.Source.Municipalities, db => db.Municipalities, m => m.NameKey));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeCoordinatorType>>>>("coordinatorInvitations")
            .Description("Invitations to coordinate an initiative that wait for your answer (acceptCoordinatorInvitation, declineCoordinatorInvitation), oldest first; whatever your role. An invitation's initiative is null while it is a draft you may not see.")
            .ResolveAsync(async ctx => await InvitationsAsync(ctx));
        Field<NonNullGraphType<ConnectionType<AccessLogEntryType>>>("accessLog")
            .Description("Who read your personal data, newest first; empty when your sign-in is linked to no person.")
            .PagingArguments()
            .ResolveAsync(ctx => AccessLogQueries.AboutAsync(ctx, ctx.Source.PersonId));
        Field<PersonalDataExportType>("personalDataExport")
            .Description("Everything held about you (AVG/GDPR right of access); null when your sign-in is linked to no person. Reading it is logged.")
            .ResolveAsync(async ctx => await PersonalDataExport.LoadAsync(ctx, ctx.Source));
    }

    private static async Task<object?> InvitationsAsync(IResolveFieldContext<Viewer> ctx)
    {
        if (ctx.Source.PersonId is not { } person)
        {
            return Array.Empty<InitiativeCoordinator>();
        }

        await using var db = await ctx.OpenDbAsync();
        return await db.InitiativeCoordinators.VisibleTo(ctx.Source).AsNoTracking()
            .Where(c => c.PersonId == person && c.AcceptedAt == null).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ctx.CancellationToken);
    }

    // One statement per scope list, visible rows only, by name.
    private static async Task<object?> ScopeAsync<T>(IResolveFieldContext<Viewer> ctx, IReadOnlySet<Guid> ids, Func<Data.InfrastructuurDb, IQueryable<T>> set, System.Linq.Expressions.Expression<Func<T, string>> order)
        where T : Data.Entity
    {
        if (ids.Count == 0)
        {
            return Array.Empty<T>();
        }

        var viewer = ctx.Source;
        List<Guid> keys = [.. ids];
        await using var db = await ctx.OpenDbAsync();
        return await set(db).VisibleTo(viewer).AsNoTracking().Where(e => keys.Contains(e.Id)).OrderBy(order).ThenBy(e => e.Id).ToListAsync(ctx.CancellationToken);
    }
}

/// <summary>What the export of one person holds.</summary>
public sealed record PersonalDataExport(Person Person, DateTime ExportedAt, List<InitiativeCoordinator> CoordinatorRoles, List<Organisation> Employers, List<Municipality> MunicipalitiesServed, List<Shareholding> Shareholdings)
{
    /// <summary>The export of the viewer's own person, read (and logged) now; null when the viewer is linked to none.</summary>
    public static async Task<PersonalDataExport?> LoadAsync(IResolveFieldContext context, Viewer viewer)
    {
        if (viewer.PersonId is not { } id)
        {
            return null;
        }

        // Their own records, all of them: an export is not limited by what their current role may browse.
        await using var db = await context.OpenDbAsync();
        var ct = context.CancellationToken;
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == id, ct);
        var roles = await db.InitiativeCoordinators.AsNoTracking().Where(c => c.PersonId == id).OrderBy(c => c.Since).ThenBy(c => c.Id).ToListAsync(ct);
        var employers = await db.Set<Employment>().Where(e => e.PersonId == id).Select(e => e.Organisation!).AsNoTracking().OrderBy(o => o.NameKey).ToListAsync(ct);
        var served = await db.Set<OfficialAssignment>().Where(e => e.PersonId == id).Select(e => e.Municipality!).AsNoTracking().OrderBy(m => m.NameKey).ToListAsync(ct);
        var holdings = await db.Shareholdings.AsNoTracking().Where(h => h.HolderPersonId == id).OrderBy(h => h.From).ThenBy(h => h.Id).ToListAsync(ct);
        context.Request().PersonalDataReads().Record(id, "personalDataExport");
        return new PersonalDataExport(person, DateTime.UtcNow, roles, employers, served, holdings);
    }
}

public sealed class PersonalDataExportType : ObjectGraphType<PersonalDataExport>
{
    public PersonalDataExportType()
    {
        Name = "PersonalDataExport";
        Description = "Everything held about you: your person record with contact details, the initiatives you coordinate, your employers and the municipalities you serve, your shareholdings, and who read your data.";
        this.PersonalDataOf<PersonalDataExport>(e => e.Person.Id);
        this.Inaccessible(); // personal data: stays in this API (ADR 0027)
        Field(e => e.ExportedAt).Description("When the export was made (UTC).");
        Field<NonNullGraphType<PersonType>>("person").Description("Your person record; its contact details are yours to read.").Resolve(ctx => ctx.Source.Person);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeCoordinatorType>>>>("coordinatorRoles")
            .Description("The initiatives you coordinate or coordinated, longest-serving first.")
            .Resolve(ctx => ctx.Source.CoordinatorRoles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationType>>>>("employers")
            .Description("The organisations recorded as employing you, by name.")
            .Resolve(ctx => ctx.Source.Employers);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MunicipalityType>>>>("municipalitiesServed")
            .Description("The municipalities recorded as served by you as an official, by name.")
            .Resolve(ctx => ctx.Source.MunicipalitiesServed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonShareholdingType>>>>("shareholdings")
            .Description("Your shareholdings in neighbourhood companies, oldest first.")
            .Resolve(ctx => ctx.Source.Shareholdings);
        Field<NonNullGraphType<ConnectionType<AccessLogEntryType>>>("accessLog")
            .Description("Who read your personal data, newest first.")
            .PagingArguments()
            .ResolveAsync(ctx => AccessLogQueries.AboutAsync(ctx, ctx.Source.Person.Id));
    }
}

public static class ViewerQueries
{
    public static void AddViewerQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ViewerType>>("viewer")
            .Policy(Policies.Public)
            .Description("You, the caller: your role, what it covers, your access log and your personal-data export. Anonymous callers get isAuthenticated false.")
            .ResolveAsync(async ctx => await ctx.Request().ViewerAsync(ctx.CancellationToken));
        query.AddAccessLogQueries();
    }
}
