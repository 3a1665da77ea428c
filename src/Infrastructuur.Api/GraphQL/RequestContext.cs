using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Per-request state handed to GraphQL.NET as its user context: the caller, the caller's language and the
/// request's batch loaders. Graph types are singletons, so anything per request lives here.
/// </summary>
public sealed class RequestContext : Dictionary<string, object?>
{
    private readonly ConcurrentDictionary<Type, object> _loaders = new();

    public RequestContext(IServiceProvider services, ClaimsPrincipal user, CultureInfo culture)
    {
        Services = services;
        User = user;
        Culture = culture;
        DbFactory = services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>();
    }

    public IServiceProvider Services { get; }

    public ClaimsPrincipal User { get; }

    public CultureInfo Culture { get; }

    public IDbContextFactory<InfrastructuurDb> DbFactory { get; }

    private readonly ConcurrentDictionary<string, object> _shared = new(StringComparer.Ordinal);

    private Task<Features.Access.Viewer>? _viewer;

    /// <summary>The caller with the scopes the database grants them; loaded once per request, on first use.</summary>
    public Task<Features.Access.Viewer> ViewerAsync(CancellationToken cancellationToken)
    {
        lock (_loaders)
        {
            // Anonymous callers need no database round trip.
            return _viewer ??= User.Subject() is null ? Task.FromResult(Features.Access.Viewer.Anonymous) : LoadViewerAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The caller as far as row visibility goes. An administrator sees every row, so their rows need no look-up of the
    /// person behind the token: lists and references of an admin's request send no statement for it. Everything that
    /// needs the person (the access log, mutations) asks <see cref="ViewerAsync"/>.
    /// </summary>
    public Task<Features.Access.Viewer> RowsViewerAsync(CancellationToken cancellationToken)
    {
        lock (_loaders)
        {
            if (_viewer is null && Features.Access.Viewer.RoleOf(User) == Features.Access.Role.Admin)
            {
                return _rowsViewer ??= Task.FromResult(Features.Access.Viewer.AdminForRows(User.Subject()!));
            }
        }

        return ViewerAsync(cancellationToken);
    }

    private Task<Features.Access.Viewer>? _rowsViewer;

    /// <summary>
    /// Forgets the loaded scopes after a write: a mutation can change them (starting an initiative makes its creator a
    /// coordinator), and its payload must be read with the scopes that hold after it.
    /// </summary>
    public void ScopesChanged()
    {
        lock (_loaders)
        {
            _viewer = null;
        }
    }

    private async Task<Features.Access.Viewer> LoadViewerAsync(CancellationToken cancellationToken)
    {
        await using var db = await DbFactory.CreateDbContextAsync(cancellationToken);
        return await Features.Access.Viewer.LoadAsync(User, db, cancellationToken);
    }

    /// <summary>A per-request object under a string key (loaders that depend on field arguments).</summary>
    public T Shared<T>(string key, Func<T> create)
        where T : class =>
        (T)_shared.GetOrAdd(key, _ => Bound(create()));

    /// <summary>The request's single instance of a loader; created on first use.</summary>
    public T Loader<T>()
        where T : class =>
        (T)_loaders.GetOrAdd(typeof(T), static (type, request) => request.Bound(Factories.GetOrAdd(type, static t => ActivatorUtilities.CreateFactory(t, Type.EmptyTypes))(request.Services, null)), this);

    // How to construct each loader type, worked out once per process rather than by reflection on every request.
    private static readonly ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    private T Bound<T>(T created)
    {
        if (created is IRequestBound bound)
        {
            bound.Bind(this);
        }

        return created;
    }
}

public static class ResolveFieldContextExtensions
{
    public static RequestContext Request(this IResolveFieldContext context) => (RequestContext)context.UserContext;

    public static T Loader<T>(this IResolveFieldContext context)
        where T : class => context.Request().Loader<T>();

    /// <summary>
    /// A short-lived context for one resolver or one batch. Fields of a query run in parallel and a DbContext is not
    /// thread-safe, so nothing shares one across resolvers (ADR 0005); the factory is pooled, so this is cheap.
    /// </summary>
    public static Task<InfrastructuurDb> OpenDbAsync(this IResolveFieldContext context) =>
        context.Request().DbFactory.CreateDbContextAsync(context.CancellationToken);
}
