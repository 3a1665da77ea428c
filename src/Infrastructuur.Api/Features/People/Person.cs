using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.People;

/// <summary>
/// A natural person: a coordinator, contact person or shareholder. Personal data: only <see cref="DisplayName"/> is
/// public; the other columns are stored for the roles that will need them and are not in the schema until the
/// authorization work logs and scopes every read of them.
/// </summary>
public sealed class Person : Entity
{
    /// <summary>The name the person chose to be shown under in public, e.g. "Coördinator A.".</summary>
    public required string DisplayName { get; set; }

    [AuditWithoutValues]
    public string? FullName { get; set; }

    [AuditWithoutValues]
    public string? Email { get; set; }

    [AuditWithoutValues]
    public string? Phone { get; set; }

    /// <summary>The token subject ("sub") this person signs in with; null for people who never sign in.</summary>
    [AuditWithoutValues]
    public string? Subject { get; set; }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.FullName).HasMaxLength(300);
        builder.Property(p => p.Email).HasMaxLength(320);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.Subject).HasMaxLength(200);
        builder.HasIndex(p => p.Subject).IsUnique();
    }
}
