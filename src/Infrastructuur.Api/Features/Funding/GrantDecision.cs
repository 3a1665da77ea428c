using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>
/// What deciding on a grant (awarding, rejecting, paying) shares: the grant's municipality follows from its recipient;
/// officials of that municipality and admins decide; the applicant side may see the grant but not decide (FORBIDDEN);
/// nobody decides on a grant they applied for themselves (CONFLICT_OF_INTEREST).
/// </summary>
public static class GrantDecision
{
    public static async Task<Grant?> LoadAsync<TInput>(MutationRun<TInput> run, string id, int? expectedVersion, string field = "id")
        where TInput : MutationInput
    {
        var grant = await run.FindAsync<Grant>(id, field);
        if (grant is null)
        {
            return null;
        }

        var municipalities = (await GrantScope.MunicipalitiesAsync(run.Db, [grant.Id], run.Ct))[grant.Id];
        var permission = run.Viewer.ServesAny(municipalities) ? Permission.Act : run.Viewer.IsApplicantSide(grant) ? Permission.See : Permission.None;
        if (!run.Allow(permission, field))
        {
            return null;
        }

        if (grant.AppliedByPersonId is { } applicant && applicant == run.Viewer.PersonId)
        {
            run.Fail(UserErrorCode.ConflictOfInterest, field);
            return null;
        }

        // Without an expected version (a payment) the grant's current one is used: two payments at once still conflict.
        return run.Expect(grant, expectedVersion ?? grant.Version) ? grant : null;
    }
}
