using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

/// <summary>Who keeps a neighbourhood company's register and books: staff of the company's own organisation, and admins.</summary>
public static class CompanyEditing
{
    public static Permission ToEdit(this Viewer viewer, NeighbourhoodCompany company) =>
        viewer.WorksFor(company.OrganisationId) ? Permission.Act : Permission.None;
}
