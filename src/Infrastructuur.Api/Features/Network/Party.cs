using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Network;

/// <summary>
/// A row that links something (a coalition, a collaboration, a meeting) to one party of the network: an organisation
/// or an initiative, exactly one of the two (a check constraint holds the database to it).
/// </summary>
public abstract class PartyLink : Entity
{
    public Guid? OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid? InitiativeId { get; set; }

    public Initiative? Initiative { get; set; }
}

/// <summary>One party as a list loader projects it from a link row: <c>l => new PartyRow { Organisation = l.Organisation, Initiative = l.Initiative }</c>.</summary>
public sealed class PartyRow
{
    public Organisation? Organisation { get; init; }

    public Initiative? Initiative { get; init; }

    public object Party => (object?)Organisation ?? Initiative!;

    public string NameKey => Organisation?.NameKey ?? Initiative!.NameKey;

    public Guid Id => Organisation?.Id ?? Initiative!.Id;
}

/// <summary>
/// What an organisation and a residents' initiative share: one interface wherever either may stand (an activity's
/// provider, a programme's participants, the network's parties), instead of a union per place with the same two members.
/// </summary>
public sealed class PartyType : InterfaceGraphType
{
    public PartyType()
    {
        Name = "Party";
        Description = "An organisation or a residents' initiative: who provides activities, takes part in programmes and meets in the network. Select the shared fields directly; ask for the rest with ... on Organisation or ... on Initiative.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The organisation's or initiative's global ID.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The organisation's or initiative's name.");
    }
}

public static class PartyLinks
{
    /// <summary>
    /// Maps the two party columns of a link table with an "exactly one of them" check constraint, and allows one row
    /// per party and parent (<paramref name="parentKey"/>), so a party's list of parents never repeats one.
    /// </summary>
    public static void ConfigureParty<TLink>(this EntityTypeBuilder<TLink> builder, string table, string parentKey)
        where TLink : PartyLink
    {
        builder.ToTable(table, t => t.HasCheckConstraint($"CK_{table}_OneParty", "(\"OrganisationId\" IS NULL) <> (\"InitiativeId\" IS NULL)"));
        builder.HasIndex(parentKey, nameof(PartyLink.OrganisationId)).IsUnique();
        builder.HasIndex(parentKey, nameof(PartyLink.InitiativeId)).IsUnique();
        builder.HasOne(l => l.Organisation).WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Initiative).WithMany().HasForeignKey(l => l.InitiativeId).OnDelete(DeleteBehavior.Restrict);
    }

    /// <summary>The party of one link row, through the batched by-ID loaders.</summary>
    public static IDataLoaderResult<object?> LoadParty(this IResolveFieldContext context, PartyLink link) =>
        link.OrganisationId is { } organisation
            ? context.LoadById<Organisation>(organisation).Then(o => (object?)o)
            : context.LoadById<Initiative>(link.InitiativeId).Then(i => (object?)i);

    /// <summary>Parties in name order, for the small party lists.</summary>
    public static IEnumerable<PartyRow> ByName(IEnumerable<PartyRow> rows) =>
        rows.OrderBy(r => r.NameKey, StringComparer.Ordinal).ThenBy(r => r.Id);
}
