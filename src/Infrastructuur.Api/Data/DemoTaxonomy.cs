using Infrastructuur.Api.Features.Taxonomy;

namespace Infrastructuur.Api.Data;

/// <summary>The starting taxonomies: the themes named in the source article and common target groups.</summary>
public static class DemoTaxonomy
{
    public const string DebtPoverty = "debt-poverty";
    public const string YouthResilience = "youth-resilience";
    public const string HealthyFamilies = "healthy-families";
    public const string HealthyFood = "healthy-food";
    public const string Concentration = "concentration-problems";

    public static IEnumerable<Theme> Themes()
    {
        var families = ThemeTerm(HealthyFamilies, "Gezonde basis in gezinnen", "A healthy basis in families");
        families.Children.Add(ThemeTerm(HealthyFood, "Gezonde voeding", "Healthy food"));
        return
        [
            ThemeTerm(DebtPoverty, "Schulden en armoede", "Debt and poverty"),
            ThemeTerm(YouthResilience, "Weerbaarheid en zelfvertrouwen van jongeren", "Resilience and self-confidence of young people"),
            families,
            ThemeTerm(Concentration, "Concentratieproblemen", "Concentration problems"),
        ];
    }

    public static IEnumerable<TargetGroup> TargetGroups()
    {
        var children = Group("children", "Kinderen", "Children");
        children.Children.Add(Group("children-4-12", "Kinderen 4–12 jaar", "Children aged 4–12"));
        var families = Group("families", "Gezinnen", "Families");
        families.Children.Add(Group("parents", "Ouders", "Parents"));
        return
        [
            children,
            Group("young-people", "Jongeren 12–23 jaar", "Young people aged 12–23"),
            families,
            Group("older-people", "Ouderen", "Older people"),
            Group("residents", "Alle bewoners", "All residents"),
        ];
    }

    private static Theme ThemeTerm(string code, string nl, string en) => new() { Code = code, NameNl = nl, NameEn = en, IsDemoData = true };

    private static TargetGroup Group(string code, string nl, string en) => new() { Code = code, NameNl = nl, NameEn = en, IsDemoData = true };
}
