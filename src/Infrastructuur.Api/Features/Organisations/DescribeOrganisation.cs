using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Organisations;

public sealed class DescribeOrganisationInput : VersionedInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Website { get; set; }

    public string? Email { get; set; }
}

public sealed class DescribeOrganisationInputType : VersionedInputType<DescribeOrganisationInput>
{
    public DescribeOrganisationInputType()
        : base("organisation", "New profile fields of an organisation. Only the fields you send change; send null to clear an optional one.")
    {
        Field<StringGraphType>("name").Description("The new name (at most 300 characters); cannot be cleared.");
        Field<StringGraphType>("description").Description("What the organisation does (at most 8,000 characters).");
        Field<StringGraphType>("website").Description("Its website, an http(s) address (at most 500 characters).");
        Field<StringGraphType>("email").Description("Its general e-mail address, never a person's (at most 320 characters).");
    }
}

public sealed class DescribeOrganisationPayload : Payload<Organisation>;

public sealed class DescribeOrganisationPayloadType() : PayloadType<DescribeOrganisationPayload, Organisation, OrganisationType>("organisation", "The result of describeOrganisation.");

public static class DescribeOrganisation
{
    public static void AddDescribeOrganisation(this ObjectGraphType mutation) =>
        mutation.Mutation<DescribeOrganisationInputType, DescribeOrganisationPayloadType, DescribeOrganisationInput, DescribeOrganisationPayload>(
            "describeOrganisation",
            Policies.Scoped,
            "Changes an organisation's own profile: name, description, website, e-mail (its staff and admins).",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<DescribeOrganisationInput> run, DescribeOrganisationPayload payload)
    {
        var input = run.Input;
        var organisation = await run.UpdateAsync<Organisation>(input.Id, input.ExpectedVersion, EditScopes.ToEdit, q => q.Include(o => o.Neighbourhoods));
        if (organisation is null)
        {
            return;
        }

        if (run.Given("name"))
        {
            organisation.Name = run.Text(input.Name, "name", 300, required: true) ?? organisation.Name;
        }

        if (run.Given("description"))
        {
            organisation.Description = run.Text(input.Description, "description", 8000);
        }

        if (run.Given("website"))
        {
            organisation.Website = run.Text(input.Website, "website", 500);
            if (organisation.Website is { } site && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                run.Fail(UserErrorCode.Invalid, "website");
            }
        }

        if (run.Given("email"))
        {
            organisation.Email = run.Text(input.Email, "email", 320);
            if (organisation.Email is { } email && (email.IndexOf('@', StringComparison.Ordinal) is < 1 || email.EndsWith('@')))
            {
                run.Fail(UserErrorCode.Invalid, "email");
            }
        }

        payload.Result = organisation;
    }
}
