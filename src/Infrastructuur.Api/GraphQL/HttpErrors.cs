namespace Infrastructuur.Api.GraphQL;

/// <summary>The error body of the API's plain HTTP endpoints (import, open data): GraphQL's shape, so clients read one format.</summary>
public static class HttpErrors
{
    public static async Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message, extensions = new { code } } } }, http.RequestAborted);
    }
}
