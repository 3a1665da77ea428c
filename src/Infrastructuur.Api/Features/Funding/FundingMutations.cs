using GraphQL.Types;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>The grant's mutations, one file each.</summary>
public static class FundingMutations
{
    public static void AddFundingMutations(this ObjectGraphType mutation)
    {
        mutation.AddApplyForGrant();
        mutation.AddAwardGrant();
        mutation.AddRejectGrant();
        mutation.AddRecordDisbursement();
    }
}
