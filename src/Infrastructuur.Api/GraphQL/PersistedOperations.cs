using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Infrastructuur.Api.GraphQL;

/// <summary>Persisted operations, bound from "GraphQL:PersistedOperations".</summary>
public sealed class PersistedOperationsOptions
{
    public const string Section = "GraphQL:PersistedOperations";

    /// <summary>Folders whose *.graphql files are registered (relative to the content root); the repository's schema/operations by default.</summary>
    public string[] Folders { get; set; } = ["../../schema/operations"];

    /// <summary>Extra documents from configuration, registered under their own hash.</summary>
    public string[] Documents { get; set; } = [];

    /// <summary>Anonymous callers may only run registered documents: locks a published front end to its own operations.</summary>
    public bool RequireForAnonymous { get; set; }
}

/// <summary>
/// Documents registered by hash: a client sends <c>documentId: "sha256:&lt;hex of the UTF-8 text&gt;"</c> instead of the text
/// (the GraphQL-over-HTTP persisted documents convention).
/// </summary>
public sealed class PersistedOperations
{
    private readonly FrozenDictionary<string, string> _byId;
    private readonly FrozenSet<string> _texts;

    public PersistedOperations(Microsoft.Extensions.Options.IOptions<PersistedOperationsOptions> options, IWebHostEnvironment environment)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in options.Value.Folders.Select(f => Path.GetFullPath(f, environment.ContentRootPath)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.graphql", SearchOption.AllDirectories))
            {
                var text = File.ReadAllText(file);
                documents[IdOf(text)] = text;
            }
        }

        foreach (var text in options.Value.Documents)
        {
            documents[IdOf(text)] = text;
        }

        _byId = documents.ToFrozenDictionary(StringComparer.Ordinal);
        _texts = documents.Values.ToFrozenSet(StringComparer.Ordinal);
        RequireForAnonymous = options.Value.RequireForAnonymous;
    }

    public bool RequireForAnonymous { get; }

    public int Count => _byId.Count;

    public static string IdOf(string text) => "sha256:" + HashOf(text);

    /// <summary>The lower-case hex SHA-256 of a document's UTF-8 text: a documentId without its prefix, and Apollo's sha256Hash.</summary>
    public static string HashOf(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public string? Find(string documentId) => _byId.GetValueOrDefault(documentId.Trim().ToLowerInvariant());

    public bool IsRegistered(string text) => _texts.Contains(text);
}
