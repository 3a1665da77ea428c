using System.Text.Json;
using System.Text.Json.Serialization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// POST /import/baseline?municipality=GM1930[&amp;dryRun=true][&amp;endMissing=true]: the upload entrance of the baseline
/// import, for municipal officials (their own municipalities only) and administrators. The body is the file itself
/// (text/csv, the XLSX media type, application/zip for an HSDS package) or a multipart form with one file. The answer is
/// the import report: 200 when written (or a clean dry run), 422 when the file has errors and nothing was written.
/// </summary>
public static class ImportEndpoint
{
    public const string Path = "/import/baseline";

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static void MapBaselineImport(this WebApplication app) => app.MapPost(Path, HandleAsync);

    private static async Task HandleAsync(HttpContext http, IDbContextFactory<InfrastructuurDb> factory, RateLimits rates, IConfiguration configuration)
    {
        var ct = http.RequestAborted;
        if (rates.TryMutation(rates.CallerKey(http)) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(BaselineTemplate.Invariant);
            await HttpErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many writes; wait Retry-After seconds.");
            return;
        }

        if (http.Request.Headers.Authorization.Count == 0 || !(await http.AuthenticateAsync()).Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await HttpErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "Sign in as a municipal official or administrator.");
            return;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var viewer = await Viewer.LoadAsync(http.User, db, ct);
        if (viewer.Role is not (Role.MunicipalOfficial or Role.Admin))
        {
            await HttpErrors.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Only municipal officials and administrators import a baseline.");
            return;
        }

        var code = http.Request.Query["municipality"].ToString().Trim().ToUpperInvariant();
        var municipality = code.Length == 0 ? null : await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.CbsCode == code, ct);
        if (municipality is null)
        {
            await HttpErrors.WriteAsync(http, code.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound, code.Length == 0 ? ErrorCodes.BadRequest : ErrorCodes.NotFound, "Name the municipality by its CBS code: ?municipality=GM1930.");
            return;
        }

        if (!viewer.Serves(municipality.Id))
        {
            await HttpErrors.WriteAsync(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "You may import only for a municipality you serve.");
            return;
        }

        // The upload has its own size limit, above the GraphQL body limit (a yearly inventory is megabytes).
        var limit = configuration.GetValue("Import:MaxUploadBytes", 32L * 1024 * 1024);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var (body, format, name, problem) = await ReadBodyAsync(http.Request, limit, ct);
        if (body is null || format is null)
        {
            await HttpErrors.WriteAsync(http, problem == "too large" ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status415UnsupportedMediaType, ErrorCodes.BadRequest,
                problem == "too large" ? $"The file is larger than {limit} bytes." : "Send text/csv, an XLSX file or a zip of an HSDS package, as the body or one multipart file.");
            return;
        }

        await using (body)
        {
            var report = new ImportReport
            {
                File = name,
                Municipality = municipality.CbsCode,
                DryRun = http.Request.Query["dryRun"] == "true",
                Culture = GraphQLHttpEndpoint.RequestCulture(http.Request),
            };
            var rows = BaselineFiles.Read(body, format.Value, name, report);
            var options = new ImportOptions(municipality.Id, municipality.CbsCode, report.DryRun, http.Request.Query["endMissing"] == "true", new AuditStamp(viewer.Subject, viewer.PersonId, "importBaseline"));
            await BaselineImport.RunAsync(db, rows, options, report, null, ct);
            http.Response.StatusCode = report.HasErrors ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
            await http.Response.WriteAsJsonAsync(report, Json, ct);
        }
    }

    private static async Task<(Stream? Body, BaselineReader.Format? Format, string Name, string? Problem)> ReadBodyAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
                if (form.Files is not [var file])
                {
                    return (null, null, string.Empty, "one file");
                }

                var name = System.IO.Path.GetFileName(file.FileName);
                return (await CopyAsync(file.OpenReadStream(), ct), BaselineReader.FormatOf(name) ?? FormatOf(file.ContentType), name, null);
            }

            var format = FormatOf(request.ContentType);
            return format is null ? (null, null, string.Empty, null) : (await CopyAsync(request.Body, ct), format, "upload" + format switch
            {
                BaselineReader.Format.Csv => ".csv",
                BaselineReader.Format.Xlsx => ".xlsx",
                _ => ".zip",
            }, null);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            return (null, null, string.Empty, "too large");
        }
    }

    private static BaselineReader.Format? FormatOf(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "text/csv" => BaselineReader.Format.Csv,
        Xlsx => BaselineReader.Format.Xlsx,
        "application/zip" => BaselineReader.Format.Hsds,
        _ => null,
    };

    // XLSX and zip need to seek; the copy goes to a temporary file that deletes itself, so memory does not grow with the upload.
    private static async Task<Stream> CopyAsync(Stream source, CancellationToken ct)
    {
        var copy = new FileStream(System.IO.Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await source.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }
}
