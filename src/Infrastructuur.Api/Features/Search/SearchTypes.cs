using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Search;

public sealed class SearchResultType : UnionGraphType
{
    public SearchResultType()
    {
        Name = "SearchResult";
        Description = "A record found by Query.search: an organisation, a residents' initiative, an activity or a programme.";
        Type<OrganisationType>();
        Type<InitiativeType>();
        Type<ActivityType>();
        Type<ProgrammeType>();
    }
}

public static class SearchQueries
{
    public static void AddSearchQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<SearchResultType>>>("search")
            .Description(
                "Organisations, initiatives, activities and programmes whose name or description contain every word of the text, "
                + "ignoring case and accents (\"cafe middellander\" finds \"Café de Middellander\"); the last word also matches longer words "
                + $"when it has at least {SearchTerms.MinPrefixLength} characters. Best matches first (a match in the name counts more), "
                + "ties in the order of their IDs. Ranks depend on the whole index, so a record changing between two pages can move. "
                + "A cursor names its result, never its rank; a cursor whose result is gone or no longer matches is refused with BAD_REQUEST.")
            .Argument<NonNullGraphType<StringGraphType>>("text", $"The words to search for: at most {Filters.MaxTextLength} characters and {Filters.MaxWords} words. Text without letters or digits finds nothing.")
            .PagingArguments()
            .ResolveAsync(async ctx =>
            {
                var terms = SearchTerms.Parse(ctx.GetArgument<string>("text"));
                var args = ConnectionArgs.From(ctx);
                var cursor = SearchCursor.Decode(args.Backward ? args.Before : args.After);
                var factory = ctx.Request().DbFactory;
                var viewer = await ctx.Request().ViewerAsync(ctx.CancellationToken);
                List<SearchResult> rows = [];
                if (terms is not null)
                {
                    await using var db = await factory.CreateDbContextAsync(ctx.CancellationToken);
                    rows = await SiteSearch.PageAsync(db, terms, viewer, cursor, args.Backward, args.Size + 1, ctx.CancellationToken);
                }

                // The connection's nodes are the records themselves (the union resolves on their type); cursors come from their hits.
                var hits = rows.ToDictionary(r => (object)r.Node, r => r.Hit, ReferenceEqualityComparer.Instance);
                return Paging.Build([.. rows.Select(r => (object)r.Node)], node => SearchCursor.Of(hits[node]).Encode(), args, () => new Deferred<int>(async ct =>
                {
                    if (terms is null)
                    {
                        return 0;
                    }

                    await using var countDb = await factory.CreateDbContextAsync(ct);
                    return await SiteSearch.Hits(countDb, terms, viewer).CountAsync(ct);
                }));
            });
}
