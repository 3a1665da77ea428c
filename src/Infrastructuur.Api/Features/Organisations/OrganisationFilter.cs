using System.ComponentModel;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Organisations;

/// <summary>The curated filter of Query.organisations; every condition given is combined with AND.</summary>
public sealed class OrganisationFilter : PlaceAndTextFilter
{
    public List<OrganisationKind>? Kinds { get; set; }

    /// <summary>Checks the arguments now and returns the query they select.</summary>
    public Func<InfrastructuurDb, IQueryable<Organisation>> Compile()
    {
        // An organisation has no owner municipality: it belongs to one where it works in one of its regions.
        var shared = Filters.PlaceAndText<Organisation>(this, o => o.Neighbourhoods, m => o => o.Neighbourhoods.Any(n => n.MunicipalityId == m), ms => o => o.Neighbourhoods.Any(n => ms.Contains(n.MunicipalityId)));
        var kinds = Filters.Values(Kinds, "kinds");
        return db =>
        {
            var q = shared(db, db.Organisations);
            return kinds is null ? q : q.Where(o => kinds.Contains(o.Kind));
        };
    }
}

public sealed class OrganisationFilterType : PlaceAndTextFilterType<OrganisationFilter>
{
    public OrganisationFilterType()
        : base("organisations", "Only organisations working in a region of this municipality (Municipality ID).", "working in")
    {
        Name = "OrganisationFilter";
        Description = "Conditions on organisations; all given conditions must hold (AND). Leave a condition out, or give an empty list, to not filter on it.";
        Field<ListGraphType<NonNullGraphType<OrganisationKindType>>>("kinds").Description("Only organisations of any of these kinds.");
    }
}

public enum OrganisationOrderField
{
    [Description("By name, ignoring case and accents.")]
    Name = 1,

    [Description("By the moment of the last change (see modifiedAt).")]
    ModifiedAt,
}

public sealed class OrganisationOrderFieldType() : DescribedEnumType<OrganisationOrderField>("What organisations can be ordered by.");

public sealed class OrganisationOrder : ListOrder<OrganisationOrderField>
{
    public static readonly KeysetOrderPair<Organisation, string> ByName = new("name", o => o.NameKey);
    private static readonly KeysetOrderPair<Organisation, DateTime> ByModifiedAt = new("modifiedAt", o => o.ModifiedAt);

    /// <summary>The keyset ordering, ties broken by ID so that paging never skips or repeats an organisation.</summary>
    public IKeysetOrder<Organisation> Keyset() => Field switch
    {
        OrganisationOrderField.ModifiedAt => ByModifiedAt.In(Direction),
        _ => ByName.In(Direction),
    };
}

public sealed class OrganisationOrderType() : ListOrderType<OrganisationOrder, OrganisationOrderField, OrganisationOrderFieldType>("OrganisationOrder", "organisations");
