using Infrastructuur.Api.Hosting;

namespace Infrastructuur.Api.GraphQL;

/// <summary>The GraphiQL IDE, bundled from npm packages at build time (ide/, ADR 0006), at GET /graphql for browsers.</summary>
public sealed class IdePage(IWebHostEnvironment environment) : BundledPage(environment, "ide", "/graphql/ide", Csp)
{
    private const string Csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    protected override string NotBuilt => "The IDE was not built: run `dotnet build` with Node.js and npm on the PATH (see README).";
}
