using GraphQL.Types;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

/// <summary>The neighbourhood company's mutations, one file each.</summary>
public static class NeighbourhoodCompanyMutations
{
    public static void AddNeighbourhoodCompanyMutations(this ObjectGraphType mutation)
    {
        mutation.AddRecordShareholding();
        mutation.AddRecordReinvestment();
    }
}
