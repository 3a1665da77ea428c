using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// One read of a person's personal data (AVG/GDPR): who read it, in which role, which fields, when (<see cref="Entity.CreatedAt"/>)
/// and in which request. Append-only: the app only ever adds entries (InfrastructuurDb refuses to save a change or a
/// deletion of one), and erasing a person keeps the entries about them. The entry holds field names, never values.
/// </summary>
public sealed class AccessLogEntry : Entity
{
    /// <summary>The person whose data was read.</summary>
    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The reader's token subject ("sub").</summary>
    public required string ReaderSubject { get; set; }

    public Role ReaderRole { get; set; }

    /// <summary>The reader's own Person record, when the token subject has one.</summary>
    public Guid? ReaderPersonId { get; set; }

    /// <summary>The GraphQL field names read, sorted and comma-separated, e.g. "email,fullName".</summary>
    public required string Fields { get; set; }

    /// <summary>One value per request: every entry written for the same request shares it.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The W3C trace id of the request, when tracing is on.</summary>
    public string? TraceId { get; set; }
}

internal sealed class AccessLogEntryConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> builder)
    {
        builder.ToTable("AccessLog");
        builder.Property(e => e.ReaderSubject).HasMaxLength(200);
        builder.Property(e => e.Fields).HasMaxLength(1000);
        builder.Property(e => e.TraceId).HasMaxLength(32);
        builder.HasIndex(e => new { e.PersonId, e.CreatedAt, e.Id });
        builder.HasIndex(e => new { e.CreatedAt, e.Id });

        // Erasure pseudonymises a person and keeps the entries about them, so a person is never deleted from under one.
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
