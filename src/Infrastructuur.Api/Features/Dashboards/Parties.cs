using GraphQL;
using GraphQL.DataLoader;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>An organisation or a residents' initiative, by ID: a provider of offering or a node of the network.</summary>
public sealed record PartyRef(Guid? OrganisationId, Guid? InitiativeId)
{
    public Guid Id => OrganisationId ?? InitiativeId!.Value;

    public bool IsOrganisation => OrganisationId is not null;
}

public static class PartyLoading
{
    /// <summary>One party as its Organisation or Initiative, through the request's batched by-ID loaders.</summary>
    public static IDataLoaderResult<object?> LoadParty(this IResolveFieldContext context, PartyRef party) =>
        party.OrganisationId is { } organisation
            ? context.LoadById<Organisation>(organisation).Then(o => (object?)o)
            : context.LoadById<Initiative>(party.InitiativeId).Then(i => (object?)i);

    /// <summary>Parties by name, all of them fetched in one statement per kind, batched with every other list asking in this request.</summary>
    public static IDataLoaderResult<List<object>> LoadParties(this IResolveFieldContext context, IEnumerable<PartyRef> parties) =>
        new AllOf<object?>([.. parties.Select(context.LoadParty)])
            .Then(list => list.OfType<object>().OrderBy(NameKey, StringComparer.Ordinal).ToList());

    public static string NameKey(object party) => party switch
    {
        Organisation o => o.NameKey,
        Initiative i => i.NameKey,
        _ => string.Empty,
    };

    /// <summary>Several pending loads as one: the first await dispatches every key queued by then.</summary>
    private sealed class AllOf<T>(IReadOnlyList<IDataLoaderResult<T>> results) : IDataLoaderResult<List<T>>
    {
        public async Task<List<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var values = new List<T>(results.Count);
            foreach (var result in results)
            {
                values.Add(await result.GetResultAsync(cancellationToken));
            }

            return values;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
