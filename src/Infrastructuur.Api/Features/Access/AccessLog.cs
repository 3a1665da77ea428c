using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Access;

/// <summary>The personal-data reads of one request, collected by the resolvers that allow them: per person, the fields read.</summary>
public sealed class PersonalDataReads
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _reads = new();

    public bool IsEmpty => _reads.IsEmpty;

    public void Record(Guid personId, string field) => _reads.GetOrAdd(personId, _ => new(StringComparer.Ordinal)).TryAdd(field, 0);

    public IEnumerable<(Guid PersonId, IEnumerable<string> Fields)> All => _reads.Select(r => (r.Key, (IEnumerable<string>)r.Value.Keys));
}

/// <summary>
/// Writes the access log (docs/security.md, "Personal data"): every read of personal data is recorded in the request by the
/// resolver that allows it, and written once when execution ends, as one entry per person read — before the response
/// leaves. If the entries cannot be written, the response carries no data: a read that is not logged does not happen.
/// </summary>
public static class AccessLog
{
    private const string Key = "personal-data-reads";

    /// <summary>The reads of this request so far.</summary>
    public static PersonalDataReads PersonalDataReads(this RequestContext request) => request.Shared(Key, () => new PersonalDataReads());

    /// <summary>Runs the request, then writes its access-log entries (registered with GraphQL.NET's ConfigureExecution).</summary>
    public static async Task<ExecutionResult> WriteAfterExecutionAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options);
        if (options.UserContext is not RequestContext request || request.PersonalDataReads().IsEmpty)
        {
            return result;
        }

        try
        {
            await WriteAsync(request);
            return result;
        }
        catch (Exception ex)
        {
            // No values and no request variables in the log: they may hold the very personal data the entry is about.
            request.Services.GetService<ILoggerFactory>()?.CreateLogger(typeof(AccessLog).FullName!).LogError(ex, "Could not write the access log; the response was withheld.");
            return new ExecutionResult { Errors = [new ExecutionError("The read could not be logged, so nothing was returned.") { Code = ErrorCodes.Internal }], Executed = true };
        }
    }

    private static async Task WriteAsync(RequestContext request)
    {
        // Not cancelled with the request: the data has been read, so the entry must be written.
        var viewer = await request.ViewerAsync(CancellationToken.None);
        var requestId = Guid.CreateVersion7();
        var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        await using var db = await request.DbFactory.CreateDbContextAsync(CancellationToken.None);
        foreach (var (personId, fields) in request.PersonalDataReads().All)
        {
            db.AccessLog.Add(new AccessLogEntry
            {
                PersonId = personId,
                ReaderSubject = viewer.Subject ?? string.Empty,
                ReaderRole = viewer.Role,
                ReaderPersonId = viewer.PersonId,
                Fields = string.Join(',', fields.Order(StringComparer.Ordinal)),
                RequestId = requestId,
                TraceId = traceId,
            });
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }
}
