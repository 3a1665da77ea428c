using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared.Mutations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Network;

/// <summary>A party named in a mutation's input, with the municipalities it belongs to (an initiative's one; the ones an organisation works in).</summary>
public sealed record PartyInput(string Type, Guid Id, Guid[] Municipalities)
{
    public (string Type, Guid Id) Key => (Type, Id);

    public void Link(PartyLink link)
    {
        link.InitiativeId = Type == nameof(Initiative) ? Id : null;
        link.OrganisationId = Type == nameof(Organisation) ? Id : null;
    }
}

public static class PartyInputs
{
    /// <summary>Parties by global ID (initiatives or organisations, duplicates ignored); NOT_FOUND when any is missing or hidden from the caller.</summary>
    public static async Task<List<PartyInput>> PartiesAsync<TInput>(this MutationRun<TInput> run, IReadOnlyCollection<string>? ids, string field)
        where TInput : MutationInput
    {
        var keys = (ids ?? []).Select(id => run.AnyId(id, field, nameof(Initiative), nameof(Organisation))).ToList();
        if (keys.Any(k => k is null))
        {
            return [];
        }

        var initiativeIds = keys.Where(k => k!.Value.Type == nameof(Initiative)).Select(k => k!.Value.Id).Distinct().ToList();
        var organisationIds = keys.Where(k => k!.Value.Type == nameof(Organisation)).Select(k => k!.Value.Id).Distinct().ToList();
        var initiatives = await run.Visible<Initiative>().Where(i => initiativeIds.Contains(i.Id)).Select(i => new { i.Id, i.MunicipalityId }).ToListAsync(run.Ct);
        var organisations = await OrganisationMunicipalities.OfAsync(run.Db, organisationIds, run.Ct);
        if (initiatives.Count + organisations.Count != initiativeIds.Count + organisationIds.Count)
        {
            run.Fail(UserErrorCode.NotFound, field);
            return [];
        }

        return
        [
            .. initiatives.Select(i => new PartyInput(nameof(Initiative), i.Id, [i.MunicipalityId])),
            .. organisations.Select(o => new PartyInput(nameof(Organisation), o.Key, o.Value)),
        ];
    }

    /// <summary>One party by global ID; NOT_FOUND when missing.</summary>
    public static async Task<PartyInput?> PartyAsync<TInput>(this MutationRun<TInput> run, string? id, string field)
        where TInput : MutationInput =>
        id is null ? null : (await run.PartiesAsync([id], field)).FirstOrDefault();

    /// <summary>
    /// The one municipality all parties share (organisations that work nowhere yet do not count). Several shared ones:
    /// the one the caller serves, if any. None, or no way to choose: MIXED_MUNICIPALITIES.
    /// </summary>
    public static Guid? SharedMunicipality<TInput>(this MutationRun<TInput> run, IReadOnlyCollection<PartyInput> parties, string field)
        where TInput : MutationInput
    {
        var located = parties.Where(p => p.Municipalities.Length > 0).ToList();
        var shared = located.Count == 0 ? [] : located.Skip(1).Aggregate(located[0].Municipalities.AsEnumerable(), (all, p) => all.Intersect(p.Municipalities)).ToList();
        var chosen = shared.Count == 1 ? shared[0] : shared.Where(m => run.Viewer.Serves(m)).Take(2).ToList() is [var served] ? served : (Guid?)null;
        if (chosen is null)
        {
            run.Fail(UserErrorCode.MixedMunicipalities, field);
        }

        return chosen;
    }
}
