using System.ComponentModel;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

/// <summary>The curated filter of Query.initiatives; every condition given is combined with AND.</summary>
public sealed class InitiativeFilter : PlaceAndTextFilter
{
    public List<InitiativeStatus>? Statuses { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? ThemeCodes { get; set; }

    /// <summary>The codes given, checked for their shape and against their ID twins, for <see cref="Codes.EnsureKnownAsync"/>.</summary>
    public CodeSet Codes() => PlaceCodes() with { Themes = Shared.Codes.Terms(Themes, ThemeCodes, "themeCodes") };

    /// <summary>Checks the arguments now and returns the query they select.</summary>
    public Func<InfrastructuurDb, IQueryable<Initiative>> Compile()
    {
        var shared = Filters.PlaceAndText<Initiative>(this, i => i.Neighbourhoods, m => i => i.MunicipalityId == m, ms => i => ms.Contains(i.MunicipalityId));
        var statuses = Filters.Values(Statuses, "statuses");
        var themes = Filters.Ids(Themes, nameof(Theme), "themes");
        var codes = Codes().Themes;
        return db =>
        {
            var q = shared(db, db.Initiatives)
                .WithTermAtOrBelow(db, i => i.Themes, themes)
                .WithTermAtOrBelow(db, i => i.Themes, codes is null ? null : Shared.Codes.TermIds<Theme>(db, [.. codes]));
            return statuses is null ? q : q.Where(i => statuses.Contains(i.Status));
        };
    }
}

public sealed class InitiativeFilterType : PlaceAndTextFilterType<InitiativeFilter>
{
    public InitiativeFilterType()
        : base("initiatives", "Only initiatives belonging to this municipality (Municipality ID).", "active in")
    {
        Name = "InitiativeFilter";
        Description = "Conditions on residents' initiatives; all given conditions must hold (AND). Leave a condition out, or give an empty list, to not filter on it.";
        Field<ListGraphType<NonNullGraphType<InitiativeStatusType>>>("statuses").Description("Only initiatives with any of these statuses.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description($"Only initiatives with any of these themes (Theme IDs) or a theme below one of them. At most {NodeQueries.MaxIds}.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeCodes").Description(Codes.TermCodesDescription("themes", "Theme"));
    }
}

public enum InitiativeOrderField
{
    [Description("By name, ignoring case and accents.")]
    Name = 1,

    [Description("By the moment of the last change (see modifiedAt).")]
    ModifiedAt,
}

public sealed class InitiativeOrderFieldType() : DescribedEnumType<InitiativeOrderField>("What initiatives can be ordered by.");

public sealed class InitiativeOrder : ListOrder<InitiativeOrderField>
{
    public static readonly KeysetOrderPair<Initiative, string> ByName = new("name", i => i.NameKey);
    private static readonly KeysetOrderPair<Initiative, DateTime> ByModifiedAt = new("modifiedAt", i => i.ModifiedAt);

    /// <summary>The keyset ordering, ties broken by ID so that paging never skips or repeats an initiative.</summary>
    public IKeysetOrder<Initiative> Keyset() => Field switch
    {
        InitiativeOrderField.ModifiedAt => ByModifiedAt.In(Direction),
        _ => ByName.In(Direction),
    };
}

public sealed class InitiativeOrderType() : ListOrderType<InitiativeOrder, InitiativeOrderField, InitiativeOrderFieldType>("InitiativeOrder", "initiatives");
