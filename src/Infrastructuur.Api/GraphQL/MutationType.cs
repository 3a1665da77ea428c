using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Signals;

namespace Infrastructuur.Api.GraphQL;

/// <summary>The root mutation type: a table of contents, one registration per feature; each mutation lives in its own file.</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "The actions that change the network. Each takes one input and returns a payload with its result and userErrors; send an Idempotency-Key header to make a create safe to retry.";
        this.AddInitiativeMutations();
        this.AddActivityMutations();
        this.AddSignalMutations();
        this.AddNetworkMutations();
        this.AddCoalitionMutations();
        this.AddFundingMutations();
        this.AddProgrammeMutations();
        this.AddNeighbourhoodCompanyMutations();
        this.AddOrganisationMutations();
    }
}
