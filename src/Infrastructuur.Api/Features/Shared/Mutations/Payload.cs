using System.Text.Json.Serialization;
using GraphQL.Types;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>What every mutation returns: its result objects (in the subclass) and the business failures.</summary>
public abstract class Payload
{
    public List<UserError> UserErrors { get; } = [];
}

/// <summary>
/// The graph type of a payload: the subclass adds the result fields, this adds userErrors. The caller is the one
/// who ran the mutation, so the payload's own fields are public; the objects in it keep their own policies.
/// </summary>
public abstract class PayloadType<TPayload> : ObjectGraphType<TPayload>
    where TPayload : Payload
{
    protected PayloadType(string description)
    {
        Name = typeof(TPayload).Name;
        Description = description;
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors")
            .Description("Business failures (invalid input, a step the status does not allow, something outside your scope); empty on success. When there are any, nothing was written.")
            .Resolve(ctx => ctx.Source.UserErrors);
    }
}

/// <summary>
/// The input of one mutation. <see cref="Given"/> holds the fields the client actually sent, so an update can tell
/// "leave unchanged" (left out) from "clear" (sent as null).
/// </summary>
public abstract class MutationInput
{
    [JsonIgnore]
    public HashSet<string> Given { get; } = new(StringComparer.Ordinal);
}

/// <summary>An input object type that records which fields were sent (see <see cref="MutationInput.Given"/>).</summary>
public abstract class MutationInputType<TInput> : InputObjectGraphType<TInput>
    where TInput : MutationInput
{
    protected MutationInputType(string description)
    {
        Name = typeof(TInput).Name;
        Description = description;
    }

    public override object ParseDictionary(IDictionary<string, object?> value)
    {
        var input = (TInput)base.ParseDictionary(value);
        input.Given.UnionWith(value.Keys);
        return input;
    }

    /// <summary>The expectedVersion field every update input has.</summary>
    protected void ExpectedVersion(string what) =>
        Field<NonNullGraphType<IntGraphType>>("expectedVersion")
            .Description($"The version of the {what} you read (its version field). If it changed since, nothing is saved and the payload has a CONFLICT user error.");

    /// <summary>The ID field of the object an update or action is about.</summary>
    protected void Target(string what) =>
        Field<NonNullGraphType<IdGraphType>>("id").Description($"The global ID of the {what}.");
}

/// <summary>A payload whose result is one object.</summary>
public abstract class Payload<T> : Payload
    where T : class
{
    public T? Result { get; set; }
}

/// <summary>The graph type of a one-object payload: the object under <paramref name="field"/>, null when there are user errors.</summary>
public abstract class PayloadType<TPayload, T, TGraphType> : PayloadType<TPayload>
    where TPayload : Payload<T>
    where T : class
    where TGraphType : IGraphType
{
    protected PayloadType(string field, string description)
        : base(description)
    {
        Field<TGraphType>(field).Description($"The {field} as it is now; null when there are user errors.").Resolve(ctx => ctx.Source.Result);
    }
}

/// <summary>The input of an update or a status step: the object and the version the client read.</summary>
public abstract class VersionedInput : MutationInput
{
    public string Id { get; set; } = string.Empty;

    public int ExpectedVersion { get; set; }
}

public abstract class VersionedInputType<TInput> : MutationInputType<TInput>
    where TInput : VersionedInput
{
    protected VersionedInputType(string what, string description)
        : base(description)
    {
        Target(what);
        ExpectedVersion(what);
    }
}
