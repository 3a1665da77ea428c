using System.IO.Compression;
using System.Text.Json;
using CsvHelper;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// Reads an HSDS 3 tabular package (a folder or zip of CSV files with an optional datapackage.json) into template rows:
/// one row per service, with its organisation (KvK from an NL-KVK identifier), the themes and target groups whose code
/// a taxonomy term carries, service areas as neighbourhoods, the first schedule, the first location's address, a cost
/// option in euros and the languages. What has no place in the template is reported as a warning, never dropped silently.
/// </summary>
public static class HsdsPackage
{
    private static readonly Dictionary<string, string> DefaultPaths = new(StringComparer.Ordinal)
    {
        ["organization"] = "organizations.csv",
        ["organization_identifier"] = "organization_identifiers.csv",
        ["service"] = "services.csv",
        ["taxonomy_term"] = "taxonomy_terms.csv",
        ["attribute"] = "attributes.csv",
        ["service_area"] = "service_areas.csv",
        ["schedule"] = "schedules.csv",
        ["service_at_location"] = "service_at_location.csv",
        ["location"] = "locations.csv",
        ["address"] = "addresses.csv",
        ["cost_option"] = "cost_options.csv",
        ["language"] = "languages.csv",
    };

    private static readonly Dictionary<string, string> Weekdays = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MO"] = "monday", ["TU"] = "tuesday", ["WE"] = "wednesday", ["TH"] = "thursday", ["FR"] = "friday", ["SA"] = "saturday", ["SU"] = "sunday",
    };

    /// <summary>Reads a package from a folder, a datapackage.json inside one, or a zip file.</summary>
    public static List<BaselineRow> Read(string path, ImportReport report)
    {
        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            return Read(zip, report);
        }

        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Read(name => File.Exists(Path.Combine(folder, name)) ? File.OpenRead(Path.Combine(folder, name)) : null, report);
    }

    public static List<BaselineRow> Read(ZipArchive zip, ImportReport report) =>
        Read(name => zip.Entries.FirstOrDefault(e => e.FullName == name || e.FullName.EndsWith("/" + name, StringComparison.Ordinal))?.Open(), report);

    private static List<BaselineRow> Read(Func<string, Stream?> open, ImportReport report)
    {
        var paths = ResourcePaths(open, report);
        Table Load(string resource) => Table.Read(paths.GetValueOrDefault(resource, DefaultPaths[resource]), open, report);

        var organisations = Load("organization");
        var services = Load("service");
        if (services.Rows.Count == 0)
        {
            report.Add(services.File, null, (string?)null, ImportProblemCode.UnreadableFile, false, "HSDS (services)");
            return [];
        }

        var identifiers = Load("organization_identifier").GroupBy("organization_id");
        var terms = Load("taxonomy_term").Rows.ToDictionary(t => t.Get("id") ?? string.Empty, t => t);
        var attributes = Load("attribute").GroupBy("link_id");
        var areas = Load("service_area").GroupBy("service_id");
        var schedules = Load("schedule").GroupBy("service_id");
        var atLocations = Load("service_at_location").GroupBy("service_id");
        var locations = Load("location").Rows.ToDictionary(l => l.Get("id") ?? string.Empty, l => l);
        var addresses = Load("address").GroupBy("location_id");
        var costs = Load("cost_option").GroupBy("service_id");
        var languages = Load("language").GroupBy("service_id");
        var organisationById = organisations.Rows.ToDictionary(o => o.Get("id") ?? string.Empty, o => o);

        var rows = new List<BaselineRow>();
        foreach (var service in services.Rows)
        {
            var id = service.Get("id") ?? string.Empty;
            var row = new BaselineRow(services.File, service.Number) { RegionsOptional = true };
            row[BaselineColumn.Id] = id;
            row[BaselineColumn.Activity] = service.Get("name");
            row[BaselineColumn.Description] = service.Get("description");
            row[BaselineColumn.MinimumAge] = service.Get("minimum_age");
            row[BaselineColumn.MaximumAge] = service.Get("maximum_age");
            row[BaselineColumn.Status] = service.Get("status") switch
            {
                "inactive" or "defunct" => "ended",
                "temporarily closed" => "paused",
                _ => "active",
            };

            if (organisationById.GetValueOrDefault(service.Get("organization_id") ?? string.Empty) is { } organisation)
            {
                row[BaselineColumn.Organisation] = organisation.Get("name");
                row[BaselineColumn.Email] = organisation.Get("email");
                row[BaselineColumn.Website] = organisation.Get("website");
                row[BaselineColumn.Kvk] = identifiers.GetValueOrDefault(organisation.Get("id") ?? string.Empty)?
                    .FirstOrDefault(i => string.Equals(i.Get("identifier_scheme"), "NL-KVK", StringComparison.OrdinalIgnoreCase))?.Get("identifier");
            }

            // Taxonomy terms from other taxonomies have no counterpart here: those are warnings, the rest of the row imports.
            var codes = attributes.GetValueOrDefault(id, []).Select(a => terms.GetValueOrDefault(a.Get("taxonomy_term_id") ?? string.Empty)?.Get("code")).OfType<string>().ToList();
            row[BaselineColumn.Themes] = BaselineTemplate.Join(codes);
            row.HsdsTerms = true;

            row[BaselineColumn.Neighbourhoods] = BaselineTemplate.Join(areas.GetValueOrDefault(id, []).Select(a => a.Get("extent") is { } e && e.StartsWith("BU", StringComparison.Ordinal) ? e : a.Get("name")).OfType<string>());

            if (schedules.GetValueOrDefault(id)?.FirstOrDefault() is { } schedule)
            {
                var days = (schedule.Get("byday") ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var weekly = string.Equals(schedule.Get("freq"), "WEEKLY", StringComparison.OrdinalIgnoreCase) && days.Length > 0;
                row[BaselineColumn.Schedule] = weekly ? "weekly" : "period";
                row[BaselineColumn.Weekday] = weekly ? Weekdays.GetValueOrDefault(days[0][^2..]) : null;
                row[BaselineColumn.StartsOn] = schedule.Get("valid_from") ?? schedule.Get("dtstart");
                row[BaselineColumn.EndsOn] = schedule.Get("valid_to") ?? schedule.Get("until");
                row[BaselineColumn.StartTime] = Time(schedule.Get("opens_at"));
                row[BaselineColumn.EndTime] = Time(schedule.Get("closes_at"));
                if (days.Length > 1)
                {
                    report.Add(services.File, service.Number, "byday", ImportProblemCode.NotImported, true, string.Join(",", days[1..]));
                }
            }

            var location = atLocations.GetValueOrDefault(id)?.Select(s => locations.GetValueOrDefault(s.Get("location_id") ?? string.Empty)).OfType<Table.Row>().FirstOrDefault();
            if (location is not null && addresses.GetValueOrDefault(location.Get("id") ?? string.Empty)?.FirstOrDefault() is { } address)
            {
                row[BaselineColumn.Street] = address.Get("address_1");
                row[BaselineColumn.Place] = address.Get("city");
                row[BaselineColumn.Postcode] = address.Get("postal_code");
            }

            if (costs.GetValueOrDefault(id)?.FirstOrDefault() is { } cost)
            {
                if (string.Equals(cost.Get("currency"), "EUR", StringComparison.OrdinalIgnoreCase))
                {
                    row[BaselineColumn.Cost] = cost.Get("amount");
                    row[BaselineColumn.CostDescription] = cost.Get("amount_description");
                }
                else
                {
                    report.Add(services.File, service.Number, "cost_options.currency", ImportProblemCode.NotImported, true, $"{cost.Get("amount")} {cost.Get("currency")}");
                }
            }

            row[BaselineColumn.Languages] = BaselineTemplate.Join(languages.GetValueOrDefault(id, []).Select(l => l.Get("code")).OfType<string>());
            rows.Add(row);
        }

        return rows;
    }

    private static string? Time(string? value) => value is { Length: >= 5 } ? value[..5] : value;

    private static Dictionary<string, string> ResourcePaths(Func<string, Stream?> open, ImportReport report)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = open("datapackage.json");
        if (stream is null)
        {
            return paths;
        }

        try
        {
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.TryGetProperty("resources", out var resources) && resources.ValueKind == JsonValueKind.Array)
            {
                foreach (var resource in resources.EnumerateArray())
                {
                    if (resource.TryGetProperty("name", out var name) && resource.TryGetProperty("path", out var path) && name.GetString() is { } n && path.GetString() is { } p
                        && !p.Contains("..", StringComparison.Ordinal) && !Path.IsPathRooted(p))
                    {
                        paths[n] = p;
                    }
                }
            }
        }
        catch (JsonException)
        {
            report.Add("datapackage.json", null, (string?)null, ImportProblemCode.UnreadableFile, false, "JSON");
        }

        return paths;
    }

    /// <summary>One CSV resource of the package, its rows as field → value.</summary>
    private sealed class Table
    {
        public required string File { get; init; }

        public List<Row> Rows { get; } = [];

        public static Table Read(string path, Func<string, Stream?> open, ImportReport report)
        {
            var table = new Table { File = path };
            using var stream = open(path);
            if (stream is null)
            {
                return table;
            }

            try
            {
                using var csv = CsvReader.Create(stream, new CsvReaderOptions { Separator = ',', TrimWhitespace = true }, false);
                var header = csv.Headers.ToArray();
                var number = 1;
                while (csv.Read())
                {
                    number++;
                    var values = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i < header.Length && i < csv.FieldCount; i++)
                    {
                        var value = csv.GetString(i);
                        if (!string.IsNullOrWhiteSpace(value))
                        {
                            values[header[i]] = value.Trim();
                        }
                    }

                    table.Rows.Add(new Row(number, values));
                }
            }
            catch (CsvFormatException)
            {
                report.Add(path, null, (string?)null, ImportProblemCode.UnreadableFile, false, "CSV");
            }

            return table;
        }

        public Dictionary<string, List<Row>> GroupBy(string field) =>
            Rows.Where(r => r.Get(field) is not null).GroupBy(r => r.Get(field)!).ToDictionary(g => g.Key, g => g.ToList());

        public sealed class Row(int number, Dictionary<string, string> values)
        {
            public int Number => number;

            public string? Get(string field) => values.GetValueOrDefault(field);
        }
    }
}
