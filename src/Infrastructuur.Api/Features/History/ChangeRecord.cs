using System.ComponentModel;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.History;

public enum ChangeAction
{
    [Description("The object was created.")]
    Created = 1,

    [Description("A field of the object changed (see field, oldValue and newValue).")]
    Updated,

    [Description("The object was deleted.")]
    Deleted,
}

/// <summary>
/// One change to one field of one of our records (HSDS metadata: resource, field, previous and replacement value, who,
/// when, by which action). Written by <see cref="InfrastructuurDb"/> in the same SaveChanges as the change itself, so
/// history and data cannot disagree. Append-only: nothing updates or deletes these rows. <see cref="Entity.CreatedAt"/>
/// is the moment of the change.
/// </summary>
[NotAudited]
public sealed class ChangeRecord : Entity
{
    /// <summary>The record's type, as its GraphQL type name ("Initiative", "Activity" …).</summary>
    public required string EntityType { get; set; }

    public Guid EntityId { get; set; }

    public ChangeAction Action { get; set; }

    /// <summary>The property in the data model ("Name", "Schedule.StartsOn", "Themes"); null for a creation or deletion.</summary>
    public string? Field { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    /// <summary>The token subject of the caller; null for changes made outside the API (the demo seed, migrations) and for a raised signal, whose raiser is never recorded.</summary>
    public string? ChangedBySubject { get; set; }

    public Guid? ChangedByPersonId { get; set; }

    /// <summary>The mutation that made the change ("describeInitiative").</summary>
    public string? Mutation { get; set; }
}

/// <summary>Who is changing data through the API, set on the DbContext for one mutation.</summary>
public sealed record AuditStamp(string? Subject, Guid? PersonId, string Mutation);

/// <summary>Records of this type are not written to the change history (logs, history itself).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>A change of this property is recorded without its values (personal or sensitive data must not be copied into the history).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditWithoutValuesAttribute : Attribute;

internal sealed class ChangeRecordConfiguration : IEntityTypeConfiguration<ChangeRecord>
{
    public void Configure(EntityTypeBuilder<ChangeRecord> builder)
    {
        builder.Property(c => c.EntityType).HasMaxLength(100);
        builder.Property(c => c.Field).HasMaxLength(200);
        builder.Property(c => c.OldValue).HasMaxLength(ChangeAudit.MaxValueLength);
        builder.Property(c => c.NewValue).HasMaxLength(ChangeAudit.MaxValueLength);
        builder.Property(c => c.ChangedBySubject).HasMaxLength(200);
        builder.Property(c => c.Mutation).HasMaxLength(100);

        // An object's history, newest first (the keyset of changeHistory).
        builder.HasIndex(c => new { c.EntityId, c.CreatedAt, c.Id });
    }
}
