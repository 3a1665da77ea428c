namespace Infrastructuur.Api.Data;

/// <summary>Marks a computed property with the stored members its getter reads, so a projection reads those instead.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ComputedFromAttribute(params string[] members) : Attribute
{
    public IReadOnlyList<string> Members { get; } = members;
}
