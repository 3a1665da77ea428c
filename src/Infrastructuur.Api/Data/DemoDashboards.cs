using Infrastructuur.Api.Features.Signals;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// What the dashboards need beyond the other demo records: the last link of the article's chain. Teachers signalled
/// concentration problems, the network traced them to poverty, and the nutrition education for parents at school is
/// recorded as the response to that signal, so needs versus offering shows the need as met.
/// </summary>
public static class DemoDashboards
{
    public static async Task SeedAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        var signal = await db.Signals.SingleAsync(s => s.ReportedByOrganisation!.Name == DemoNetwork.School && s.UnderlyingThemeId != null, cancellationToken);
        var nutrition = await db.Activities.SingleAsync(a => a.Name == DemoOffering.NutritionEducationTitle, cancellationToken);
        db.Add(new SignalResponse { SignalId = signal.Id, ActivityId = nutrition.Id });
        await db.SaveChangesAsync(cancellationToken);
    }
}
