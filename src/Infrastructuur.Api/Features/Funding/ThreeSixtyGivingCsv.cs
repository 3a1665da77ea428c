using System.Text;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>
/// The 360Giving export in the standard's flattened CSV form: one row per grant, columns titled as the schema titles its
/// fields ("Recipient Org:Identifier"), lists with an index per item ("Beneficiary Location:0:Geographic Code") for as
/// many items as the grant with the most has. RFC 4180 quoting; free text starting with = + - @ gets a leading apostrophe
/// so no spreadsheet runs it as a formula (as the baseline export does).
/// </summary>
public static class ThreeSixtyGivingCsv
{
    public static IReadOnlyList<string> Header(int locations, int classifications) =>
    [
        "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Amount Disbursed", "Award Date",
        "Planned Dates:Start Date", "Planned Dates:End Date",
        "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name",
        .. Enumerable.Range(0, locations).SelectMany(i => new[]
        {
            $"Beneficiary Location:{i}:Name", $"Beneficiary Location:{i}:Country Code", $"Beneficiary Location:{i}:Geographic Code", $"Beneficiary Location:{i}:Geographic Code Type",
        }),
        .. Enumerable.Range(0, classifications).SelectMany(i => new[]
        {
            $"Classifications:{i}:Vocabulary", $"Classifications:{i}:Code", $"Classifications:{i}:Title",
        }),
        "Last Modified",
    ];

    public static async Task WriteAsync(Stream body, ThreeSixtyGivingExport export, int locations, int classifications, CancellationToken ct)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header(locations, classifications).Select(h => ((string?)h, false))));
        await foreach (var page in export.PagesAsync(ct))
        {
            var text = new StringBuilder();
            foreach (var grant in page)
            {
                text.Append(Line(Row(grant, locations, classifications)));
            }

            await writer.WriteAsync(text, ct);
            await writer.FlushAsync(ct);
        }
    }

    // (value, free text): only free text is guarded against formulas, so identifiers, amounts and dates stay as they are.
    private static IEnumerable<(string?, bool)> Row(ThreeSixtyGivingGrant grant, int locations, int classifications)
    {
        yield return (grant.Id, false);
        yield return (grant.Title, true);
        yield return (grant.Description, true);
        yield return ("EUR", false);
        yield return (ThreeSixtyGivingExport.Amount(grant.AmountAwarded), false);
        yield return (ThreeSixtyGivingExport.Amount(grant.AmountDisbursed), false);
        yield return (ThreeSixtyGivingExport.Date(grant.AwardDate), false);
        yield return (grant.PlannedStart is { } start ? ThreeSixtyGivingExport.Date(start) : null, false);
        yield return (grant.PlannedStart is not null && grant.PlannedEnd is { } end ? ThreeSixtyGivingExport.Date(end) : null, false);
        yield return (grant.Recipient.Id, false);
        yield return (grant.Recipient.Name, true);
        yield return (grant.Funder.Id, false);
        yield return (grant.Funder.Name, true);
        for (var i = 0; i < locations; i++)
        {
            var location = i < grant.Locations.Count ? grant.Locations[i] : null;
            yield return (location?.Name, true);
            yield return (location is null ? null : "NL", false);
            yield return (location?.GeoCode, false);
            yield return (location?.GeoCode is null ? null : location.GeoCodeType, false);
        }

        for (var i = 0; i < classifications; i++)
        {
            var classification = i < grant.Classifications.Count ? grant.Classifications[i] : null;
            yield return (classification?.Vocabulary, false);
            yield return (classification?.Code, true);
            yield return (classification?.Title, true);
        }

        yield return (ThreeSixtyGivingExport.DateTimeText(grant.Modified), false);
    }

    private static string Line(IEnumerable<(string? Value, bool Text)> cells) =>
        string.Join(',', cells.Select(c => Cell(c.Value, c.Text))) + "\r\n";

    public static string Cell(string? value, bool text)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (text && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
