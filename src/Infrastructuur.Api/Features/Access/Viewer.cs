using System.Security.Claims;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Access;

/// <summary>
/// Who is asking, in which role, and over what. Roles come from the token; scopes (initiatives coordinated,
/// organisations worked for, municipalities served) from the database, loaded once per request.
/// </summary>
public sealed class Viewer
{
    public static readonly Viewer Anonymous = new(null, null, Role.Anonymous, [], [], []);

    private Viewer(string? subject, Guid? personId, Role role, HashSet<Guid> initiatives, HashSet<Guid> organisations, HashSet<Guid> municipalities)
    {
        Subject = subject;
        PersonId = personId;
        Role = role;
        CoordinatedInitiatives = initiatives;
        Organisations = organisations;
        Municipalities = municipalities;
    }

    public string? Subject { get; }

    /// <summary>The Person record linked to the token subject, if there is one.</summary>
    public Guid? PersonId { get; }

    public Role Role { get; }

    public bool IsAuthenticated => Subject is not null;

    public bool IsAdmin => Role == Role.Admin;

    /// <summary>The initiatives whose invitation the person accepted; pending invitations count for nothing.</summary>
    public IReadOnlySet<Guid> CoordinatedInitiatives { get; }

    public IReadOnlySet<Guid> Organisations { get; }

    public IReadOnlySet<Guid> Municipalities { get; }

    /// <summary>
    /// Row rules (<see cref="VisibilityRules"/>) read only <see cref="IsAdmin"/>, <see cref="PersonId"/> and the scopes,
    /// so two viewers of the same class get the same rules: "admin" (no rules) or "public" (no person, no scope, the
    /// anonymous rules). Null for any other viewer, whose rules are their own. Lets a statement built for one viewer
    /// of a class be kept for the next.
    /// </summary>
    public string? RuleClass => IsAdmin ? "admin"
        : PersonId is null && CoordinatedInitiatives.Count == 0 && Organisations.Count == 0 && Municipalities.Count == 0 ? "public"
        : null;

    /// <summary>A scope only counts in the role that uses it: a coordinator token does not unlock staff scopes.</summary>
    public bool Coordinates(Guid initiativeId) => IsAdmin || (Role == Role.Coordinator && CoordinatedInitiatives.Contains(initiativeId));

    public bool WorksFor(Guid organisationId) => IsAdmin || (Role == Role.PartnerStaff && Organisations.Contains(organisationId));

    public bool Serves(Guid municipalityId) => IsAdmin || (Role == Role.MunicipalOfficial && Municipalities.Contains(municipalityId));

    /// <summary>
    /// The role a token carries, without touching the database: the first recognised "role" claim; a signed-in caller
    /// with an unknown or missing role is a resident at most, and no token is anonymous.
    /// </summary>
    public static Role RoleOf(ClaimsPrincipal user)
    {
        if (user.Subject() is null)
        {
            return Role.Anonymous;
        }

        var role = user.FindAll(AuthenticationSetup.RoleClaim).Select(c => RoleNames.ByClaim.GetValueOrDefault(c.Value)).FirstOrDefault(r => r != Role.Anonymous);
        return role == Role.Anonymous ? Role.Resident : role;
    }

    /// <summary>
    /// An administrator as row visibility sees them (every row), from the token alone: no person, no scopes. Only for
    /// reading rows; whatever records who acted or read (the access log, mutations) loads the full viewer.
    /// </summary>
    public static Viewer AdminForRows(string subject) => new(subject, null, Role.Admin, [], [], []);

    public static async Task<Viewer> LoadAsync(ClaimsPrincipal user, InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var subject = user.Subject();
        if (subject is null)
        {
            return Anonymous;
        }

        var role = RoleOf(user);

        var person = await db.Set<People.Person>().AsNoTracking().Where(p => p.Subject == subject).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (person is not { } id)
        {
            return new Viewer(subject, null, role, [], [], []);
        }

        var initiatives = role == Role.Coordinator
            ? await db.Set<People.InitiativeCoordinator>().Where(c => c.PersonId == id && c.AcceptedAt != null).Select(c => c.InitiativeId).ToListAsync(cancellationToken)
            : [];
        var organisations = role == Role.PartnerStaff
            ? await db.Set<Employment>().Where(e => e.PersonId == id).Select(e => e.OrganisationId).ToListAsync(cancellationToken)
            : [];
        var municipalities = role == Role.MunicipalOfficial
            ? await db.Set<OfficialAssignment>().Where(e => e.PersonId == id).Select(e => e.MunicipalityId).ToListAsync(cancellationToken)
            : [];
        return new Viewer(subject, id, role, [.. initiatives], [.. organisations], [.. municipalities]);
    }
}
