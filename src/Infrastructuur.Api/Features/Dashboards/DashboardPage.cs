using Infrastructuur.Api.Hosting;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>
/// The dashboard page at GET /dashboard, bundled from npm packages at build time (dashboard/, ADR 0029): charts of the
/// dashboard sections, read through the public API with registered documents only. ECharts draws on canvas and sets
/// inline styles (hence style-src 'unsafe-inline'); scripts, data and everything else come from our own origin.
/// </summary>
public sealed class DashboardPage(IWebHostEnvironment environment) : BundledPage(environment, "dashboard", AssetRoot, Csp)
{
    public const string Route = "/dashboard";

    private const string AssetRoot = "/dashboard/assets";

    private const string Csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    protected override string NotBuilt => "The dashboard page was not built: run `dotnet build` with Node.js and npm on the PATH (see README).";

    public static void Map(WebApplication app)
    {
        if (!DashboardOptions.Of(app.Services).EnablePage)
        {
            return;
        }

        var page = app.Services.GetRequiredService<DashboardPage>();
        page.MapAssets(app);
        app.MapGet(Route, page.WriteAsync);
    }
}
