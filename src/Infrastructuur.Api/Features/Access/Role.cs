using System.ComponentModel;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// The roles a token can carry (claim "role"). The token says who and in which role; the database says over
/// what (see <see cref="Viewer"/>): a client can never widen its scope by asking for claims.
/// </summary>
public enum Role
{
    [Description("Not signed in.")]
    Anonymous = 0,

    [Description("A resident of a neighbourhood.")]
    Resident,

    [Description("Coordinates one or more residents' initiatives.")]
    Coordinator,

    [Description("Works for a partner organisation.")]
    PartnerStaff,

    [Description("Works for a municipality and directs its network.")]
    MunicipalOfficial,

    [Description("Administers the whole system.")]
    Admin,
}

public static class RoleNames
{
    /// <summary>Token claim values, as used with `dotnet user-jwts create --role …`.</summary>
    public static readonly IReadOnlyDictionary<string, Role> ByClaim = new Dictionary<string, Role>(StringComparer.Ordinal)
    {
        ["resident"] = Role.Resident,
        ["coordinator"] = Role.Coordinator,
        ["partner_staff"] = Role.PartnerStaff,
        ["municipal_official"] = Role.MunicipalOfficial,
        ["admin"] = Role.Admin,
    };
}
