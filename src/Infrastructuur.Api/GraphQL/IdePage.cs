namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The GraphiQL IDE, bundled from npm packages at build time (ide/, ADR 0006) and served from this server:
/// nothing is loaded from a CDN. A strict Content-Security-Policy keeps the page to our own origin.
/// </summary>
public sealed class IdePage(IWebHostEnvironment environment)
{
    public const string AssetPath = "/graphql/ide";

    private const string Csp = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public string Folder => Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), "ide");

    public async Task WriteAsync(HttpContext http)
    {
        var index = Path.Combine(Folder, "index.html");
        if (!File.Exists(index))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("The IDE was not built: run `dotnet build` with Node.js and npm on the PATH (see README).", http.RequestAborted);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        ApplyHeaders(http.Response);
        await http.Response.SendFileAsync(index, http.RequestAborted);
    }

    /// <summary>The page's headers, for every way the IDE's HTML is reached (also /graphql/ide/index.html as a static file).</summary>
    public static void ApplyHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = Csp;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>Whether a static file of the IDE is a page a browser would render (and so needs the page's headers).</summary>
    public static bool IsPage(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".html" or ".htm" or ".xhtml" or ".svg";
}
