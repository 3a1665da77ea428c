using CsvHelper;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// Writes a municipality's inventory (the activities organisations provide) in the baseline template, one row per
/// activity with its id, so the file imports back as "unchanged" and next year's edits of it update these records.
/// </summary>
public static class BaselineExport
{
    public static async Task<List<string?[]>> RowsAsync(InfrastructuurDb db, Guid municipality, CancellationToken ct)
    {
        var stored = await Inventory.LoadAsync(db, municipality, ct);
        var organisations = await Inventory.OrganisationsAsync(db, [.. stored.Select(s => s.Values.Provider).Distinct()], ct);
        var themes = await db.Themes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var groups = await db.TargetGroups.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var regions = await db.Neighbourhoods.AsNoTracking().Where(n => n.MunicipalityId == municipality).ToDictionaryAsync(n => n.Id, n => n.CbsCode ?? n.Name, ct);

        string Labels(string keys, Dictionary<Guid, string> names) => BaselineTemplate.Join(ActivityValues.Keys(keys).Select(k => names[k]).Order(StringComparer.Ordinal));

        return [.. stored.OrderBy(s => organisations[s.Values.Provider].Name, StringComparer.Ordinal).ThenBy(s => s.Values.Name, StringComparer.Ordinal).ThenBy(s => s.Id).Select(s =>
        {
            var v = s.Values;
            var o = organisations[v.Provider];
            var row = new string?[BaselineTemplate.Columns.Count];
            void Set(BaselineColumn column, string? value) => row[(int)column] = value;
            Set(BaselineColumn.Id, s.Id.ToString());
            Set(BaselineColumn.Organisation, o.Name);
            Set(BaselineColumn.Kvk, o.Kvk);
            Set(BaselineColumn.OrganisationKind, Inventory.Token(o.Kind));
            Set(BaselineColumn.Email, o.Email);
            Set(BaselineColumn.Website, o.Website);
            Set(BaselineColumn.Activity, v.Name);
            Set(BaselineColumn.Description, v.Description);
            Set(BaselineColumn.Status, Inventory.Token(v.Status));
            Set(BaselineColumn.Themes, Labels(v.Themes, themes));
            Set(BaselineColumn.TargetGroups, Labels(v.TargetGroups, groups));
            Set(BaselineColumn.MinimumAge, v.MinimumAge?.ToString(BaselineTemplate.Invariant));
            Set(BaselineColumn.MaximumAge, v.MaximumAge?.ToString(BaselineTemplate.Invariant));
            Set(BaselineColumn.Neighbourhoods, Labels(v.Neighbourhoods, regions));
            Set(BaselineColumn.Schedule, v.Kind switch { ScheduleKind.OneOff => "once", ScheduleKind.Recurring => "weekly", _ => "period" });
            Set(BaselineColumn.StartsOn, v.StartsOn?.ToString("yyyy-MM-dd", BaselineTemplate.Invariant));
            Set(BaselineColumn.EndsOn, v.EndsOn?.ToString("yyyy-MM-dd", BaselineTemplate.Invariant));
            Set(BaselineColumn.Weekday, v.Weekday is { } day ? Inventory.Token(day) : null);
            Set(BaselineColumn.StartTime, v.StartTime?.ToString("HH:mm", BaselineTemplate.Invariant));
            Set(BaselineColumn.EndTime, v.EndTime?.ToString("HH:mm", BaselineTemplate.Invariant));
            Set(BaselineColumn.Street, v.Street);
            Set(BaselineColumn.HouseNumber, v.HouseNumber);
            Set(BaselineColumn.Postcode, v.Postcode);
            Set(BaselineColumn.Place, v.Place);
            Set(BaselineColumn.Capacity, v.Capacity?.ToString(BaselineTemplate.Invariant));
            Set(BaselineColumn.Cost, v.IsFree switch
            {
                null => null,
                true => "free",
                false => v.FeeCents is { } cents ? (cents / 100m).ToString("0.00", BaselineTemplate.Invariant) : "paid",
            });
            Set(BaselineColumn.CostDescription, v.FeeDescription);
            Set(BaselineColumn.Languages, v.Languages.Length == 0 ? null : BaselineTemplate.Join(v.Languages.Split(',')));
            return row;
        })];
    }

    public static void WriteCsv(Stream stream, IEnumerable<string?[]> rows, bool dutch)
    {
        // Cells starting with = + - @ get a leading apostrophe so no spreadsheet runs them as formulas; the reader strips it.
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { Injection = CsvInjection.Escape }, true);
        csv.WriteRecord([.. BaselineTemplate.Columns.Select(c => dutch ? c.Dutch : c.English)]);
        foreach (var row in rows)
        {
            csv.WriteRecord([.. row.Select(v => v ?? string.Empty)]);
        }
    }

    public static void WriteXlsx(Stream stream, IEnumerable<string?[]> rows, bool dutch)
    {
        var headers = BaselineTemplate.Columns.Select(c => dutch ? c.Dutch : c.English).ToArray();
        stream.SaveAs(rows.Select(row =>
        {
            var record = new Dictionary<string, object?>(headers.Length, StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                record[headers[i]] = row[i];
            }

            return record;
        }));
    }
}
