using System.ComponentModel;
using GraphQL.Types;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>The stable codes of business failures in mutation payloads; clients switch on these, never on messages.</summary>
public enum UserErrorCode
{
    [Description("A value is not valid (e.g. an ID of the wrong type, a malformed postcode).")]
    Invalid = 1,

    [Description("A required value is missing or empty.")]
    Required,

    [Description("A text is longer than allowed.")]
    TooLong,

    [Description("A number lies outside the allowed range.")]
    OutOfRange,

    [Description("An end date lies before its start date.")]
    DateOrder,

    [Description("There is nothing with this ID that you may act on: it does not exist, or lies outside your scope. The two are deliberately not told apart.")]
    NotFound,

    [Description("Someone changed the object after you read it: expectedVersion is stale. Nothing was changed; read it again and retry.")]
    Conflict,

    [Description("It exists already (e.g. the person already coordinates the initiative, the party is already a member).")]
    Duplicate,

    [Description("You may see the object, but your role does not allow this action on it.")]
    Forbidden,

    [Description("The allocations do not add up exactly to the amount. Nothing was written.")]
    AllocationMismatch,

    [Description("The object's current status does not allow this step.")]
    InvalidTransition,

    [Description("The regions or parties given do not lie in exactly one municipality.")]
    MixedMunicipalities,

    [Description("The change would move the object to another municipality or owner, which is not allowed.")]
    OutsideScope,

    [Description("An initiative must keep at least one coordinator.")]
    LastCoordinator,

    [Description("You may not decide on a grant you applied for yourself.")]
    ConflictOfInterest,

    [Description("The payments would exceed the amount awarded.")]
    Overpaid,

    [Description("Your sign-in is not linked to a person in the network, which this action needs.")]
    PersonRequired,
}

/// <summary>A business failure of a mutation: where in the input, what went wrong in the caller's language, and a stable code.</summary>
public sealed record UserError(IReadOnlyList<string>? Field, string Message, UserErrorCode Code);

public sealed class UserErrorCodeType() : DescribedEnumType<UserErrorCode>("The stable code of a business failure in a mutation.");

public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "A business failure of a mutation (invalid input, a step the status does not allow, something outside your scope). When a payload has user errors, nothing was written.";
        this.DefaultPolicy(Policies.Public);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description("The path to the input field the error is about, e.g. [\"input\", \"name\"]; null when it is about the input as a whole.")
            .Resolve(ctx => ctx.Source.Field);
        Field(e => e.Message).Description("What went wrong, in Dutch or English by Accept-Language.");
        Field<NonNullGraphType<UserErrorCodeType>>("code").Description("The stable code of the failure.").Resolve(ctx => ctx.Source.Code);
    }
}
