using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.People;

/// <summary>
/// Erasure on request (AVG/GDPR right to erasure): the person is pseudonymised, not deleted. Their display name becomes
/// <see cref="ErasedName"/>, full name, e-mail, phone and sign-in subject are removed, and every reference stays —
/// coordinator roles, shareholdings and the access-log entries about them keep pointing at the same record, so counts
/// and history stay right and nobody can sign in as them again. Idempotent.
/// </summary>
/// <remarks>
/// There is no mutation root yet; when there is, an <c>erasePerson</c> mutation (administrators, or the person themself)
/// calls this.
/// </remarks>
public static class PersonErasure
{
    public const string ErasedName = "Verwijderde persoon";

    /// <summary>Pseudonymises the person; false when there is no such person.</summary>
    public static async Task<bool> EraseAsync(InfrastructuurDb db, Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            return false;
        }

        person.DisplayName = ErasedName;
        person.FullName = null;
        person.Email = null;
        person.Phone = null;
        person.Subject = null;
        person.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
