using Infrastructuur.Api.Data;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>Every fact table the dashboards read (offering and funding), caught up or asked after together.</summary>
public static class DashboardFacts
{
    /// <summary>True when one of the kept fact tables of this database needs a catch-up.</summary>
    public static async Task<bool> BehindAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        (await OfferingFacts.ExistHereAsync(db, cancellationToken) && await OfferingFacts.BehindAsync(db, cancellationToken))
        || (await FundingFacts.ExistHereAsync(db, cancellationToken) && await FundingFacts.WindowAsync(db, cancellationToken) is null);

    /// <summary>Catches every fact table this database has up, in the caller's transaction (offering first, then funding: one lock order).</summary>
    public static async Task CatchUpAsync(
        InfrastructuurDb db, CancellationToken cancellationToken, IProgress<(int Done, int Total)>? offering = null, IProgress<(int Done, int Total)>? funding = null, (int First, int Last)? window = null)
    {
        if (await OfferingFacts.ExistHereAsync(db, cancellationToken))
        {
            await OfferingFacts.CatchUpAsync(db, cancellationToken, offering, window);
        }

        if (await FundingFacts.ExistHereAsync(db, cancellationToken))
        {
            await FundingFacts.CatchUpAsync(db, cancellationToken, funding, window);
        }
    }
}
