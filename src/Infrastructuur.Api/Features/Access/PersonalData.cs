using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Resolvers;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// Who may read a person's personal data (docs/security.md matrix, "personal data"): the person themself; co-coordinators of
/// an initiative they coordinate; staff of the organisation hosting such an initiative; officials serving the
/// municipality of such an initiative or of a neighbourhood company they hold shares in; administrators. Never an
/// anonymous caller. A field the caller may not read is null, exactly as when nothing is on file, so the answer
/// reveals neither the value nor whether there is one; every allowed read is logged.
/// </summary>
public static class PersonalData
{
    /// <summary>
    /// The resolver <see cref="PolicyEnforcement"/> puts around every personal-data field: the field's value only for a
    /// caller who may read the subject's data, recorded for the access log; null for everyone else, exactly as when
    /// nothing is on file. The subject's links load batched, so a page of people costs three statements.
    /// </summary>
    public sealed class Guard(IFieldResolver inner, PersonalDataSubject subject, string field) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            if (context.Source is not { } source || subject.Of(source) is not { } person)
            {
                return new((object?)null);
            }

            var request = context.Request();
            var links = context.Loader<LinksByPerson>().Load(person);

            // Started now so that batched loads of a page still go in one statement; awaited only once the read is allowed.
            var value = inner.ResolveAsync(context);
            return new(new Deferred<object?>(async ct =>
            {
                var viewer = await request.ViewerAsync(ct);
                if (!await MayReadAsync(viewer, person, links, ct))
                {
                    return null;
                }

                request.PersonalDataReads().Record(person, field);
                var resolved = await value;
                return resolved is IDataLoaderResult pending ? await pending.GetResultAsync(ct) : resolved;
            }));
        }
    }

    private static async Task<bool> MayReadAsync(Viewer viewer, Guid personId, IDataLoaderResult<PersonLinks?> pending, CancellationToken cancellationToken)
    {
        if (!viewer.IsAuthenticated)
        {
            return false;
        }

        if (viewer.IsAdmin || viewer.PersonId == personId)
        {
            return true;
        }

        var links = await pending.GetResultAsync(cancellationToken) ?? PersonLinks.None;
        return links.Initiatives.Any(viewer.Coordinates) || links.HostOrganisations.Any(viewer.WorksFor) || links.Municipalities.Any(viewer.Serves);
    }
}

/// <summary>What ties a person to scopes: the initiatives they coordinate (accepted, never a pending invitation), those initiatives' hosts, and the municipalities of those initiatives and of the companies they hold shares in.</summary>
public sealed record PersonLinks(IReadOnlySet<Guid> Initiatives, IReadOnlySet<Guid> HostOrganisations, IReadOnlySet<Guid> Municipalities)
{
    public static readonly PersonLinks None = new(new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
}

/// <summary>The links of a page of people, in three statements whatever the page size.</summary>
public sealed class LinksByPerson(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, PersonLinks>
{
    protected override async Task<IReadOnlyDictionary<Guid, PersonLinks>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        List<Guid?> holders = [.. keys.Select(k => (Guid?)k)];
        var coordinations = await db.InitiativeCoordinators.AsNoTracking()
            .Where(c => keys.Contains(c.PersonId) && c.AcceptedAt != null)
            .Select(c => new { c.PersonId, c.InitiativeId, c.Initiative!.HostOrganisationId, c.Initiative.MunicipalityId })
            .ToListAsync(cancellationToken);
        var holdings = await db.Shareholdings.AsNoTracking()
            .Where(h => holders.Contains(h.HolderPersonId))
            .Join(db.NeighbourhoodCompanies, h => h.ShareClass!.CompanyId, c => c.Id, (h, c) => new { PersonId = h.HolderPersonId!.Value, c.OrganisationId })
            .Distinct()
            .ToListAsync(cancellationToken);
        var companies = holdings.Select(h => h.OrganisationId).Distinct().ToList();
        var companyPlaces = companies.Count == 0 ? [] : await OrganisationMunicipalities.Places(db, companies).ToListAsync(cancellationToken);

        return keys.ToDictionary(k => k, k => new PersonLinks(
            coordinations.Where(c => c.PersonId == k).Select(c => c.InitiativeId).ToHashSet(),
            coordinations.Where(c => c.PersonId == k && c.HostOrganisationId != null).Select(c => c.HostOrganisationId!.Value).ToHashSet(),
            coordinations.Where(c => c.PersonId == k).Select(c => c.MunicipalityId)
                .Concat(holdings.Where(h => h.PersonId == k).SelectMany(h => companyPlaces.Where(p => p.Organisation == h.OrganisationId).Select(p => p.MunicipalityId)))
                .ToHashSet()));
    }
}
