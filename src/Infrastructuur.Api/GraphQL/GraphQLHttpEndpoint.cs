using System.Globalization;
using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP (graphql-over-http spec, 2025 draft) on our own code, since GraphQL.Server is not available
/// to us (ADR 0002). POST application/json; GET for queries only; Accept negotiation between
/// application/graphql-response+json (request errors → 400) and legacy application/json (always 200 once the
/// request is well-formed); never a 500 for bad input.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ISchema> executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLHttpOptions> options,
    IdePage ide,
    SchemaDocument sdl,
    RequestLimits limits,
    RateLimits rates,
    PersistedOperations persisted,
    AutomaticPersistedQueries automatic,
    DocumentCache documents)
{
    internal const string GraphQLResponseJson = "application/graphql-response+json";
    internal const string Json = "application/json";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, Json, "Use GET for queries or POST for any operation.");
            return;
        }

        if (isGet && request.Query.ContainsKey("sdl"))
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(sdl.Text, http.RequestAborted);
            return;
        }

        if (isGet && !request.Query.ContainsKey("query") && options.Value.EnableIde && AcceptsHtml(request))
        {
            await ide.WriteAsync(http);
            return;
        }

        var mediaType = Negotiate(request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, StatusCodes.Status406NotAcceptable, Json, $"Accept {GraphQLResponseJson} or {Json}.");
            return;
        }

        // Budgets are per caller: a flood is refused before any parsing. A request with an invalid token is anonymous
        // here (its user is), so a flood of bad tokens spends the client address's budget like any other.
        // A client key that matches no trusted client spends its address's budget, then gets its 401.
        var (caller, badClientKey) = rates.CallerOf(http);
        if (rates.TryRequest(caller) is { } wait)
        {
            await WriteRateLimitedAsync(http, mediaType, wait);
            return;
        }

        if (badClientKey)
        {
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [new ExecutionError($"The {TrustedClient.Header} is not the key of a trusted client.") { Code = ErrorCodes.Unauthenticated }], Executed = false }, StatusCodes.Status401Unauthorized);
            return;
        }

        // A token that is present but invalid (forged, expired, wrong issuer or audience, alg none, no subject) is a
        // 401, never anonymous access.
        if (request.Headers.Authorization.Count > 0 && !(await http.AuthenticateAsync()).Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [new ExecutionError("The bearer token is not valid.") { Code = ErrorCodes.Unauthenticated }], Executed = false }, StatusCodes.Status401Unauthorized);
            return;
        }

        var (parsed, problem, status) = isGet ? ReadGet(request) : await ReadPostAsync(request, options.Value.MaxBodyBytes, http.RequestAborted);
        var query = parsed is null ? null : ResolveDocument(parsed, http.User.Identity?.IsAuthenticated == true, out problem);
        if (query is null && parsed is not null && problem is null)
        {
            // Apollo's protocol: a hash we do not know is answered 200 with this message and code, and the client sends the text.
            http.Response.Headers.CacheControl = "private, no-cache, must-revalidate";
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [new ExecutionError("PersistedQueryNotFound") { Code = ErrorCodes.PersistedQueryNotFound }], Executed = false }, StatusCodes.Status200OK);
            return;
        }

        if (query is null)
        {
            await WriteRequestErrorAsync(http, parsed is null ? status : StatusCodes.Status400BadRequest, mediaType, problem!);
            return;
        }

        DocumentCache.Entry parsedDocument;
        GraphQLDocument document;
        double cost;
        GraphQLOperationDefinition? operation;
        try
        {
            limits.CheckText(query);
            parsedDocument = documents.Get(query);
            document = parsedDocument.Document;
            operation = QueryAnalyzer.SelectOperation(document, parsed!.OperationName);
            if (isGet && operation?.Operation is OperationType.Mutation or OperationType.Subscription)
            {
                http.Response.Headers.Allow = "POST";
                await WriteRequestErrorAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, "Mutations must be sent with POST.");
                return;
            }

            cost = await limits.CheckDocumentAsync(document, operation, parsed.Variables, http.User.Identity?.IsAuthenticated == true, http.RequestAborted);
            if (parsed.PersistedQuery is { } hash && parsed.Query is not null)
            {
                automatic.Store(hash, query); // checked against the hash, parsed and within the limits
            }
        }
        catch (GraphQLSyntaxErrorException ex)
        {
            var error = new ExecutionError($"Syntax error: {ex.Description}") { Code = ErrorCodes.ParseFailed };
            error.AddLocation(ex.Location);
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [error], Executed = false });
            return;
        }
        catch (LimitExceededException ex)
        {
            var error = new ExecutionError(ex.Message) { Code = ex.Code };
            if (ex.Limit > 0)
            {
                error.Data["limit"] = ex.Limit;
            }

            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [error], Executed = false }, StatusCodes.Status400BadRequest);
            return;
        }

        if ((operation?.Operation == OperationType.Mutation ? rates.TryMutation(caller) ?? rates.TryOpenMutations(caller, RateLimitedFields.Count(schema, document, operation)) : null) is { } mutationWait)
        {
            await WriteRateLimitedAsync(http, mediaType, mutationWait);
            return;
        }

        if (rates.TryCost(caller, cost) is { } costWait)
        {
            await WriteRateLimitedAsync(http, mediaType, costWait);
            return;
        }

        // The timeout cancels the database commands too: every query takes the execution's token.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (limits.Options.TimeoutSeconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(limits.Options.TimeoutSeconds));
        }
        else
        {
            timeout.Cancel(); // 0 s means no time at all, not "whenever a busy timer thread gets to it"
        }
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(new ExecutionOptions
            {
                Query = query,
                Document = document,
                OperationName = parsed.OperationName,
                Variables = parsed.Variables,
                Extensions = parsed.Extensions,
                RequestServices = http.RequestServices,
                User = http.User,
                UserContext = new RequestContext(http.RequestServices, http.User, RequestCulture(request)),
                CancellationToken = timeout.Token,
                ValidationRules = parsedDocument.Rules,
            });
            if (result.Executed)
            {
                parsedDocument.Validated = true;
            }
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            var error = new ExecutionError($"The request took longer than {limits.Options.TimeoutSeconds} s and was cancelled.") { Code = ErrorCodes.Timeout };
            error.Data["limit"] = limits.Options.TimeoutSeconds;
            result = new ExecutionResult { Errors = [error], Executed = true };
        }

        // At most a few validation errors go back: enough to fix the request, not a way to map the schema.
        if (!result.Executed && result.Errors is { Count: > 0 } errors && errors.Count > limits.Options.MaxValidationErrors)
        {
            var kept = new ExecutionErrors();
            foreach (var error in errors.Take(limits.Options.MaxValidationErrors))
            {
                kept.Add(error);
            }

            result.Errors = kept;
        }

        // The answer depends on the language asked, the token and the media type. Only an anonymous GET without errors
        // may be kept by shared caches, briefly: the same URL gives every anonymous caller the same answer.
        if (isGet && http.User.Identity?.IsAuthenticated != true && result.Errors is not { Count: > 0 } && options.Value.AnonymousGetMaxAgeSeconds > 0)
        {
            http.Response.Headers.CacheControl = $"public, max-age={options.Value.AnonymousGetMaxAgeSeconds.ToString(CultureInfo.InvariantCulture)}";
        }

        await WriteResultAsync(http, mediaType, result);
    }

    /// <summary>The text to run; null with a problem for a bad request, null without one for an unknown persisted-query hash.</summary>
    private string? ResolveDocument(GraphQLRequestBody parsed, bool authenticated, out string? problem)
    {
        problem = null;
        var query = parsed.Query;
        if (parsed.PersistedQuery is { } hash && parsed.DocumentId is null)
        {
            if (!automatic.Enabled)
            {
                problem = "Automatic persisted queries are turned off here: send the 'query' text.";
                return null;
            }

            if (query is not null && PersistedOperations.HashOf(query) != hash)
            {
                problem = "'extensions.persistedQuery.sha256Hash' is not the SHA-256 of the 'query' text.";
                return null;
            }

            // Registered documents are known by their hash on every instance; only they may run for anonymous callers
            // when registration is required, so a text an anonymous caller sent is never kept for anyone.
            var registered = persisted.Find("sha256:" + hash);
            var restricted = !authenticated && persisted.RequireForAnonymous;
            query ??= registered ?? (restricted ? null : automatic.Find(hash));
            if (query is null || (restricted && registered is null))
            {
                problem = restricted && registered is null && parsed.Query is not null ? "Without signing in, only registered operations are accepted: send its 'documentId'." : null;
                return null;
            }

            return query;
        }

        if (parsed.DocumentId is { } id)
        {
            var registered = persisted.Find(id);
            if (registered is null || (query is not null && query != registered))
            {
                problem = registered is null ? $"No operation is registered under documentId '{id}'." : "'query' and 'documentId' name different documents.";
                return null;
            }

            return registered;
        }

        if (query is null)
        {
            problem = "The 'query' member is required and must be a string (or send a registered 'documentId').";
            return null;
        }

        if (!authenticated && persisted.RequireForAnonymous && !persisted.IsRegistered(query))
        {
            problem = "Without signing in, only registered operations are accepted: send its 'documentId'.";
            return null;
        }

        return query;
    }

    private async Task WriteRateLimitedAsync(HttpContext http, string mediaType, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var error = new ExecutionError($"Too many requests; try again in {seconds} s.") { Code = ErrorCodes.RateLimited };
        error.Data["retryAfterSeconds"] = seconds;
        await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [error], Executed = false }, StatusCodes.Status429TooManyRequests);
    }

    private async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result, int? status = null)
    {
        // The body is written to a buffer that refuses to grow past the limit, so a huge answer costs at most that much
        // memory and the client gets an error instead of it (the status cannot change once bytes are sent).
        var limit = limits.Options.Enabled ? limits.Options.MaxResponseBytes : int.MaxValue;
        MemoryStream body = new BoundedBuffer(limit);
        try
        {
            await serializer.WriteAsync(body, result, http.RequestAborted);
        }
        catch (IOException) when (body is BoundedBuffer { Overflowed: true })
        {
            await body.DisposeAsync();
            body = new MemoryStream();
            var error = new ExecutionError($"The response would be larger than {limit} bytes. Ask for smaller pages or fewer fields.") { Code = ErrorCodes.ResponseTooLarge };
            error.Data["limit"] = limit;
            await serializer.WriteAsync(body, new ExecutionResult { Errors = [error], Executed = true }, http.RequestAborted);
        }

        // application/graphql-response+json: a request that never executed (parse or validation failure) is a 400.
        http.Response.StatusCode = status ?? (mediaType == GraphQLResponseJson && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        http.Response.ContentType = $"{mediaType}; charset=utf-8";
        http.Response.Headers.Vary = "Accept, Accept-Language, Authorization";
        if (string.IsNullOrEmpty(http.Response.Headers.CacheControl))
        {
            http.Response.Headers.CacheControl = "no-store";
        }

        http.Response.ContentLength = body.Length;
        body.Position = 0;
        await body.CopyToAsync(http.Response.Body, http.RequestAborted);
        await body.DisposeAsync();
    }

    private Task WriteRequestErrorAsync(HttpContext http, int status, string mediaType, string message) =>
        WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [new ExecutionError(message) { Code = ErrorCodes.BadRequest }], Executed = false }, status);

    private (GraphQLRequestBody? Request, string? Problem, int Status) ReadGet(HttpRequest request)
    {
        // ASP.NET leaves percent-escapes that are not UTF-8 (%FF) undecoded; such text is refused, not guessed at.
        if (!IsUtf8QueryString(request.QueryString.Value))
        {
            return (null, "The query string is not valid UTF-8.", StatusCodes.Status400BadRequest);
        }

        var query = request.Query["query"];
        var documentId = request.Query["documentId"].FirstOrDefault();
        try
        {
            using var variables = ParseOptionalObject(request.Query["variables"].FirstOrDefault(), "variables");
            using var extensions = ParseOptionalObject(request.Query["extensions"].FirstOrDefault(), "extensions");
            var extensionInputs = extensions is null ? null : serializer.ReadNode<Inputs>(extensions.RootElement);
            var persistedQuery = PersistedQueryOf(extensionInputs);
            if ((query.Count != 1 || string.IsNullOrEmpty(query[0])) && string.IsNullOrEmpty(documentId) && persistedQuery is null)
            {
                return (null, "The 'query' parameter is required.", StatusCodes.Status400BadRequest);
            }

            return (new GraphQLRequestBody(
                query.Count == 1 && !string.IsNullOrEmpty(query[0]) ? query[0] : null,
                string.IsNullOrEmpty(documentId) ? null : documentId,
                request.Query["operationName"].FirstOrDefault() is { Length: > 0 } name ? name : null,
                variables is null ? null : serializer.ReadNode<Inputs>(variables.RootElement),
                extensionInputs,
                persistedQuery), null, 0);
        }
        catch (Exception ex) when (ex is JsonException or BadRequestException)
        {
            return (null, ex is BadRequestException ? ex.Message : "The 'variables' or 'extensions' parameter is not valid JSON.", StatusCodes.Status400BadRequest);
        }
    }

    private async Task<(GraphQLRequestBody? Request, string? Problem, int Status)> ReadPostAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, $"Send the request body as {Json} (UTF-8).", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, $"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBodyAsync(request.Body, maxBytes, ct);
        if (body is null)
        {
            return (null, $"The request body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, "The request body is not valid UTF-8.", StatusCodes.Status400BadRequest);
        }

        try
        {
            using var json = JsonDocument.Parse(body, JsonOptions);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return (null, "Batched requests (a JSON array) are not supported; send one operation per request.", StatusCodes.Status400BadRequest);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "The request body must be a JSON object.", StatusCodes.Status400BadRequest);
            }

            var documentId = OptionalString(root, "documentId");
            string? text = null;
            if (root.TryGetProperty("query", out var query) && query.ValueKind != JsonValueKind.Null)
            {
                text = query.ValueKind == JsonValueKind.String && Text(query, "query") is { Length: > 0 } q ? q
                    : throw new BadRequestException("The 'query' member must be a non-empty string.");
            }

            var extensions = OptionalObject(root, "extensions") is { } e ? serializer.ReadNode<Inputs>(e) : null;
            var persistedQuery = PersistedQueryOf(extensions);
            if (text is null && documentId is null && persistedQuery is null)
            {
                return (null, "The 'query' member is required and must be a string.", StatusCodes.Status400BadRequest);
            }

            return (new GraphQLRequestBody(
                text,
                documentId,
                OptionalString(root, "operationName"),
                OptionalObject(root, "variables") is { } v ? serializer.ReadNode<Inputs>(v) : null,
                extensions,
                persistedQuery), null, 0);
        }
        catch (Exception ex) when (ex is JsonException or BadRequestException)
        {
            return (null, ex is BadRequestException ? ex.Message : "The request body is not valid JSON.", StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsUtf8QueryString(string? raw) =>
        string.IsNullOrEmpty(raw) || System.Text.Unicode.Utf8.IsValid(System.Web.HttpUtility.UrlDecodeToBytes(raw));

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? Text(value, name)
        : throw new BadRequestException($"'{name}' must be a string or null.");

    // A JSON escape can name a lone UTF-16 surrogate ("\ud800"), which is no text at all: System.Text.Json refuses to
    // turn it into a string with an InvalidOperationException, which must be the client's 400, not our 500.
    private static string? Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new BadRequestException($"'{name}' is not valid Unicode text (a lone surrogate such as \\ud800).");
        }
    }

    private static JsonElement? OptionalObject(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw new BadRequestException($"'{name}' must be a JSON object or null.");

    private static JsonDocument? ParseOptionalObject(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var doc = JsonDocument.Parse(text, JsonOptions);
        if (doc.RootElement.ValueKind == JsonValueKind.Null)
        {
            doc.Dispose();
            return null;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw new BadRequestException($"'{name}' must be a JSON object.");
        }

        return doc;
    }

    /// <summary>
    /// Picks the response media type from Accept; null means 406. A client that names
    /// application/graphql-response+json gets it; a missing Accept or a wildcard gets application/json, as the
    /// spec's watershed rules ask, because such a client may predate the new media type (ADR 0002).
    /// </summary>
    internal static string? Negotiate(HttpRequest request)
    {
        if (request.Headers.Accept.Count == 0)
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return null;
        }

        foreach (var candidate in accepted.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (candidate.Charset.HasValue && !candidate.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = candidate.MediaType.Value ?? string.Empty;
            if (type.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseJson;
            }

            if (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type is "*/*" or "application/*")
            {
                return Json;
            }
        }

        return null;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    internal static CultureInfo RequestCulture(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages)
        && languages.OrderByDescending(l => l.Quality ?? 1).FirstOrDefault(l => l.Value.StartsWith("nl", StringComparison.OrdinalIgnoreCase) || l.Value.StartsWith("en", StringComparison.OrdinalIgnoreCase)) is { } best
        && best.Value.StartsWith("nl", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("nl-NL")
            : CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// The hash of Apollo's <c>extensions.persistedQuery</c> (version 1, 64 hex digits, lower-cased), or null when the request
    /// has none; a malformed one is a bad request.
    /// </summary>
    private static string? PersistedQueryOf(Inputs? extensions)
    {
        if (extensions is null || !extensions.TryGetValue("persistedQuery", out var value) || value is null)
        {
            return null;
        }

        if (value is not IDictionary<string, object?> persistedQuery)
        {
            throw new BadRequestException("'extensions.persistedQuery' must be an object.");
        }

        if (!persistedQuery.TryGetValue("version", out var version) || Convert.ToString(version, CultureInfo.InvariantCulture) != "1")
        {
            throw new BadRequestException("Only version 1 of 'extensions.persistedQuery' is supported.");
        }

        if (!persistedQuery.TryGetValue("sha256Hash", out var hash) || hash is not string { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
        {
            throw new BadRequestException("'extensions.persistedQuery.sha256Hash' must be the 64 hex digits of the SHA-256 of the query's UTF-8 text.");
        }

        return hex.ToLowerInvariant();
    }

    private sealed record GraphQLRequestBody(string? Query, string? DocumentId, string? OperationName, Inputs? Variables, Inputs? Extensions, string? PersistedQuery);

    private sealed class BadRequestException(string message) : Exception(message);
}
