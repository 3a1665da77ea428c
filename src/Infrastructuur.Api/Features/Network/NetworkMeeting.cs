using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Network;

/// <summary>A meeting of the network (Nissewaard's yearly area meetings): who came, what was discussed, what came of it.</summary>
public sealed class NetworkMeeting : Entity
{
    public required string Title { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>The municipality the meeting belongs to; set by the server (from the area when there is one).</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    /// <summary>The working area the meeting was about; null for a meeting of the whole municipality.</summary>
    public Guid? AreaId { get; set; }

    public Area? Area { get; set; }

    public Guid? OrganiserId { get; set; }

    public Organisation? Organiser { get; set; }

    public string? OutcomeNotes { get; set; }

    public List<MeetingParticipant> Participants { get; set; } = [];

    public List<Theme> Themes { get; set; } = [];

    public List<Signal> SignalsDiscussed { get; set; } = [];

    public List<Collaboration> CollaborationsStarted { get; set; } = [];
}

/// <summary>One party that took part in a meeting: an organisation or an initiative.</summary>
public sealed class MeetingParticipant : PartyLink
{
    public Guid MeetingId { get; set; }
}

internal sealed class NetworkMeetingConfiguration : IEntityTypeConfiguration<NetworkMeeting>
{
    public void Configure(EntityTypeBuilder<NetworkMeeting> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(300);
        builder.Property(m => m.OutcomeNotes).HasMaxLength(8000);
        builder.HasIndex(m => new { m.MunicipalityId, m.Date });
        builder.HasIndex(m => new { m.AreaId, m.Date });
        builder.HasIndex(m => new { m.Date, m.Id });
        builder.HasOne(m => m.Municipality).WithMany().HasForeignKey(m => m.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Area).WithMany().HasForeignKey(m => m.AreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Organiser).WithMany().HasForeignKey(m => m.OrganiserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Participants).WithOne().HasForeignKey(p => p.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Themes).WithMany().UsingEntity("NetworkMeetingTheme");
        builder.HasMany(m => m.SignalsDiscussed).WithMany(s => s.DiscussedAt).UsingEntity("NetworkMeetingSignal");
        builder.HasMany(m => m.CollaborationsStarted).WithMany().UsingEntity("NetworkMeetingCollaboration");
    }
}

internal sealed class MeetingParticipantConfiguration : IEntityTypeConfiguration<MeetingParticipant>
{
    public void Configure(EntityTypeBuilder<MeetingParticipant> builder)
    {
        builder.ConfigureParty("MeetingParticipants", nameof(MeetingParticipant.MeetingId));
    }
}
