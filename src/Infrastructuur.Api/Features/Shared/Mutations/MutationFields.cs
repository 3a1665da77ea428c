using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.GraphQL;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Infrastructuur.Api.Features.Shared.Mutations;

public static class MutationFields
{
    /// <summary>Metadata marking a mutation the limits rule counts against a stricter per-caller rate (docs/security.md: rate-limited).</summary>
    public const string RateLimitedMetadataKey = "infrastructuur:rate-limited";

    /// <summary>
    /// Registers a mutation field: <c>name(input: TInput!): TPayload</c> with its policy. The runner loads the caller,
    /// refuses anonymous callers on non-public mutations (UNAUTHENTICATED), honours an Idempotency-Key, runs the handler
    /// on one DbContext and saves once: one transaction, with the change history rows and the idempotency record in it.
    /// User errors mean nothing is saved; a stale version (in the handler or at the UPDATE) is a CONFLICT user error.
    /// </summary>
    public static FieldType Mutation<TInputType, TPayloadType, TInput, TPayload>(
        this ObjectGraphType mutation, string name, string policy, string description, Func<MutationRun<TInput>, TPayload, Task> handle)
        where TInputType : MutationInputType<TInput>
        where TPayloadType : PayloadType<TPayload>
        where TInput : MutationInput
        where TPayload : Payload, new() =>
        mutation.Field<TPayloadType, TPayload>(name)
            .Description(description)
            .Argument<NonNullGraphType<TInputType>>("input", "What to do; see the input type.")
            .Policy(policy)
            .ResolveAsync(ctx => RunAsync(ctx, name, policy, handle))
            .FieldType;

    private static async Task<TPayload?> RunAsync<TInput, TPayload>(IResolveFieldContext ctx, string name, string policy, Func<MutationRun<TInput>, TPayload, Task> handle)
        where TInput : MutationInput
        where TPayload : Payload, new()
    {
        var request = ctx.Request();
        var ct = ctx.CancellationToken;
        var input = ctx.GetArgument<TInput>("input");
        var viewer = await request.ViewerAsync(ct);
        if (policy != Policies.Public && !viewer.IsAuthenticated)
        {
            throw new ApiException(ErrorCodes.Unauthenticated, $"Sign in to use {name}.");
        }

        var idempotency = Idempotency.From(ctx, viewer, name, input);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await request.DbFactory.CreateDbContextAsync(ct);
            try
            {
                return await RunOnceAsync(ctx, db, request, viewer, input, idempotency, name, handle);
            }
            catch (Exception ex) when (IsTransient(ex) && attempt < MaxAttempts)
            {
                // PostgreSQL chose this transaction as a deadlock's victim (or could not serialise it) and rolled it back:
                // nothing was written, so it runs again from the start on a fresh context and reads what the other wrote.
            }
        }
    }

    private const int MaxAttempts = 3;

    private static async Task<TPayload?> RunOnceAsync<TInput, TPayload>(
        IResolveFieldContext ctx, InfrastructuurDb db, RequestContext request, Access.Viewer viewer, TInput input, Idempotency? idempotency, string name, Func<MutationRun<TInput>, TPayload, Task> handle)
        where TInput : MutationInput
        where TPayload : Payload, new()
    {
        var ct = ctx.CancellationToken;
        if (idempotency is not null && await idempotency.ReplayAsync<TPayload>(ctx, db, ct) is { } replay)
        {
            return replay;
        }

        var payload = new TPayload();
        var run = new MutationRun<TInput>(input, viewer, db, request.Culture, payload, ct);
        db.Audit = new AuditStamp(viewer.Subject, viewer.PersonId, name);
        try
        {
            await handle(run, payload);
            if (payload.UserErrors.Count > 0)
            {
                return Failure<TPayload>(payload.UserErrors);
            }

            idempotency?.Stage(db, payload);
            await db.SaveChangesAsync(ct);
            request.ScopesChanged();
            return payload;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict<TPayload>(request);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Lost a race: to an identical request under the same key (answer with the winner's objects), or to another writer,
            // e.g. one who added the same link to the same record first (EF may insert the link before it updates the row).
            db.ChangeTracker.Clear();
            if (idempotency is not null && await idempotency.ReplayAsync<TPayload>(ctx, db, ct) is { } winner)
            {
                return winner;
            }

            return run.Versioned
                ? Conflict<TPayload>(request)
                : Failure<TPayload>([new UserError(null, Messages.For(UserErrorCode.Duplicate, request.Culture), UserErrorCode.Duplicate)]);
        }
        finally
        {
            db.Audit = null;
        }
    }

    private static TPayload Conflict<TPayload>(RequestContext request)
        where TPayload : Payload, new() =>
        Failure<TPayload>([new UserError(["input", "expectedVersion"], Messages.For(UserErrorCode.Conflict, request.Culture), UserErrorCode.Conflict)]);

    private static TPayload Failure<TPayload>(IEnumerable<UserError> errors)
        where TPayload : Payload, new()
    {
        var failed = new TPayload();
        failed.UserErrors.AddRange(errors);
        return failed;
    }

    // EF Core wraps the server's error once or twice (DbUpdateException, and the execution strategy's "transient failure").
    private static bool IsTransient(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
