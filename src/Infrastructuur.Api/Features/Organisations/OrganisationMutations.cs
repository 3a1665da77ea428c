using GraphQL.Types;

namespace Infrastructuur.Api.Features.Organisations;

/// <summary>The organisation's mutations, one file each.</summary>
public static class OrganisationMutations
{
    public static void AddOrganisationMutations(this ObjectGraphType mutation)
    {
        mutation.AddDescribeOrganisation();
        mutation.AddVerifyOrganisation();
    }
}
