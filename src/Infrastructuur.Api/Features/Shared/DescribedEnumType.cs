using GraphQL.Types;

namespace Infrastructuur.Api.Features.Shared;

/// <summary>
/// An enum graph type named after its C# enum, with a type description; each value's description comes from its
/// [Description] attribute.
/// </summary>
public abstract class DescribedEnumType<TEnum> : EnumerationGraphType<TEnum>
    where TEnum : Enum
{
    protected DescribedEnumType(string description)
    {
        Name = typeof(TEnum).Name;
        Description = description;
    }
}
