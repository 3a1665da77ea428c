using Microsoft.Extensions.FileProviders;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// A browser page bundled from npm packages at build time into wwwroot/&lt;folder&gt; and served from this server (the
/// GraphiQL IDE, ADR 0006; the dashboard page, ADR 0029): nothing is loaded from a CDN, and a strict
/// Content-Security-Policy keeps the page to our own origin.
/// </summary>
public abstract class BundledPage(IWebHostEnvironment environment, string folder, string assetPath, string csp)
{
    /// <summary>The URL path the bundle's files are served under.</summary>
    public string AssetPath => assetPath;

    public string Folder => Path.Combine(environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot"), folder);

    /// <summary>What a 503 says when the bundle was not built.</summary>
    protected abstract string NotBuilt { get; }

    public async Task WriteAsync(HttpContext http)
    {
        var index = Path.Combine(Folder, "index.html");
        if (!File.Exists(index))
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(NotBuilt, http.RequestAborted);
            return;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        ApplyHeaders(http.Response);
        await http.Response.SendFileAsync(index, http.RequestAborted);
    }

    /// <summary>The page's headers, for every way its HTML is reached (also index.html as a static file).</summary>
    public void ApplyHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = csp;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>Whether a static file of the bundle is a page a browser would render (and so needs the page's headers).</summary>
    public static bool IsPage(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".html" or ".htm" or ".xhtml" or ".svg";

    /// <summary>Serves the bundle's files under <see cref="AssetPath"/>, when it was built.</summary>
    public void MapAssets(WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = AssetPath,
            FileProvider = new PhysicalFileProvider(Folder),
            OnPrepareResponse = file =>
            {
                if (IsPage(file.File.Name))
                {
                    ApplyHeaders(file.Context.Response);
                }
            },
        });
    }
}
