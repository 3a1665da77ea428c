using System.Reflection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.FileProviders;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// `dotnet user-jwts create` writes its signing key to the user secrets. The framework watches that file only when its
/// folder exists at start-up; otherwise it watches a secrets.json in the content root that nothing ever writes, so on a
/// fresh machine the first key stayed unseen until a restart. In Development the folder is created and the source
/// pointed at it, in its place among the sources, so the first key is read as soon as it is written.
/// </summary>
internal static class UserSecretsFolder
{
    private const string SecretsFileName = "secrets.json";

    public static void WatchUserSecretsFolder(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || UserSecretsId(builder.Environment.ApplicationName) is not { } id)
        {
            return;
        }

        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            // Only where the framework added the user secrets (so their location could be determined).
            if (sources[i] is JsonConfigurationSource { Path: SecretsFileName } source
                && Path.GetFullPath(Path.GetDirectoryName(PathHelper.GetSecretsPathFromSecretsId(id))!) is var directory
                && !Watches(source, directory))
            {
                Directory.CreateDirectory(directory);
                sources[i] = new JsonConfigurationSource
                {
                    FileProvider = new PhysicalFileProvider(directory),
                    Path = SecretsFileName,
                    Optional = true,
                    ReloadOnChange = source.ReloadOnChange,
                };
            }
        }
    }

    private static bool Watches(JsonConfigurationSource source, string directory) =>
        source.FileProvider is PhysicalFileProvider provider
        && string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(provider.Root)), Path.TrimEndingDirectorySeparator(directory), StringComparison.Ordinal);

    private static string? UserSecretsId(string applicationName)
    {
        try
        {
            return Assembly.Load(new AssemblyName(applicationName)).GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
