using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;
using Infrastructuur.Api.Features.Access;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Enforces <see cref="Policies"/> on every field of every object type, deny by default: when the schema is built,
/// each resolver is wrapped according to its field's policy. A field without a policy always fails with FORBIDDEN
/// (and <see cref="Policies.UnmarkedFields"/> lets a test keep them out of the schema); <c>authenticated</c> and
/// <c>admin</c> are checked against the token before the resolver runs; <c>personal-data</c> fields go through
/// <see cref="PersonalData.Guard"/>, the one place that decides who reads a person's data and logs the read (a field
/// tagged so without declaring whose data it is is denied); <c>public</c> and <c>scoped</c> fields run as they are —
/// row visibility (<see cref="Visibility"/>) and, for scoped fields, the resolver decide.
/// Wrapping at build time costs nothing on the public fields that make up almost every response.
/// </summary>
public sealed class PolicyEnforcement : BaseSchemaNodeVisitor
{
    public override void VisitObjectFieldDefinition(FieldType field, IObjectGraphType type, ISchema schema)
    {
        if (Policies.IsIntrospection(type))
        {
            return;
        }

        var inner = field.Resolver ?? NameFieldResolver.Instance;
        field.Resolver = Policies.PolicyOf(type, field) switch
        {
            Policies.Public or Policies.Scoped => inner,
            Policies.PersonalData => Policies.SubjectOf(type, field) is { } subject
                ? new PersonalData.Guard(inner, subject, field.Name)
                : new Denied($"{type.Name}.{field.Name}"),
            Policies.Authenticated => new Guarded(inner, role => role != Role.Anonymous),
            Policies.Admin => new Guarded(inner, role => role == Role.Admin),
            _ => new Denied($"{type.Name}.{field.Name}"),
        };
    }

    private sealed class Guarded(IFieldResolver inner, Func<Role, bool> allows) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            // The role comes from the (validated) token alone, so this check needs no database.
            var role = Viewer.RoleOf(context.Request().User);
            if (allows(role))
            {
                return inner.ResolveAsync(context);
            }

            throw role == Role.Anonymous
                ? new ApiException(ErrorCodes.Unauthenticated, "Sign in to see this field.")
                : new ApiException(ErrorCodes.Forbidden, "Your role may not see this field.");
        }
    }

    private sealed class Denied(string field) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) =>
            throw new ApiException(ErrorCodes.Forbidden, $"{field} has no access policy, so nobody may read it.");
    }
}
