using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Federation;

namespace Infrastructuur.Api.Features.Access;

public sealed class RoleType() : Shared.DescribedEnumType<Role>("The role a caller's token carries; what it covers comes from the database.");

// Rows are restricted by AccessLogEntryVisibility (the person the entry is about, administrators); the fields that
// identify the reader's token or request are for administrators only.
public sealed class AccessLogEntryType : ObjectGraphType<AccessLogEntry>
{
    /// <summary>Newest first.</summary>
    public static readonly KeysetOrder<AccessLogEntry, DateTime> ByReadAt = new("readAt", e => e.CreatedAt, descending: true);

    public AccessLogEntryType()
    {
        Description = "One read of a person's personal data: who read which fields, in which role, when. The log is append-only; you see the entries about yourself, administrators see all.";
        this.DefaultPolicy(Policies.Scoped);
        this.AsNode();
        this.Inaccessible(); // about people: stays in this API with them (ADR 0027)
        Field<NonNullGraphType<DateTimeGraphType>>("readAt").Description("When the data was read (UTC).").FromColumn(x => x.CreatedAt);
        Field<NonNullGraphType<PersonType>>("person")
            .Description("The person whose data was read.")
            .Reads(x => x.PersonId).Resolve(ctx => ctx.LoadSelectedById<Person>(ctx.Source.PersonId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields")
            .Description("The fields read, e.g. email, fullName, shareholderRegister, personalDataExport.")
            .Resolve(ctx => ctx.Source.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries));
        Field<NonNullGraphType<RoleType>>("readerRole").Description("The role the reader read it in.").FromColumn(x => x.ReaderRole);
        Field<PersonType>("reader")
            .Description("The person who read it, when their sign-in is linked to a person (their public display name).")
            .Reads(x => x.ReaderPersonId).Resolve(ctx => ctx.LoadSelectedById<Person>(ctx.Source.ReaderPersonId));
        Field<NonNullGraphType<StringGraphType>>("readerSubject")
            .Policy(Policies.Admin)
            .Description("The reader's token subject (administrators only).")
            .FromColumn(x => x.ReaderSubject);
        Field<NonNullGraphType<IdGraphType>>("requestId")
            .Policy(Policies.Admin)
            .Description("Shared by all entries of the same request (administrators only).")
            .Resolve(ctx => ctx.Source.RequestId.ToString("N"));
        Field<StringGraphType>("traceId")
            .Policy(Policies.Admin)
            .Description("The W3C trace id of the request when tracing was on, to find it in the traces (administrators only).")
            .FromColumn(x => x.TraceId);
    }
}

public sealed class AccessLogFilter
{
    public string? Person { get; set; }
}

public sealed class AccessLogFilterType : InputObjectGraphType<AccessLogFilter>
{
    public AccessLogFilterType()
    {
        Name = "AccessLogFilter";
        Description = "Which access-log entries to list.";
        Field<IdGraphType>("person").Description("Only entries about this person (a Person's global ID).");
    }
}

public static class AccessLogQueries
{
    public static void AddAccessLogQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<AccessLogEntryType>>>("accessLog")
            .Policy(Policies.Admin)
            .Description("The access log of personal data, newest first (administrators only; anyone can see the entries about themselves under viewer.accessLog).")
            .PagingArguments()
            .Argument<AccessLogFilterType>("filterBy", "Which entries to list.")
            .ResolveAsync(ctx =>
            {
                var person = ctx.GetArgument<AccessLogFilter?>("filterBy")?.Person is { } id ? GlobalId.Decode(id, nameof(Person)) : (Guid?)null;
                return ctx.PageAsync(db => db.AccessLog.Where(e => person == null || e.PersonId == person), AccessLogEntryType.ByReadAt);
            });

    /// <summary>The entries about one person, newest first (rows limited further by the caller's visibility).</summary>
    internal static Task<object?> AboutAsync(IResolveFieldContext context, Guid? person) =>
        context.PageAsync(db => db.AccessLog.Where(e => e.PersonId == person), AccessLogEntryType.ByReadAt);
}
