using System.Security.Cryptography;
using System.Text;
using Infrastructuur.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>How Idempotency-Keys are kept, bound from the "Mutations" configuration section.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Mutations";

    /// <summary>How long a key answers with its first call's objects; after that it is a new key and its record is purged.</summary>
    public double IdempotencyHours { get; set; } = 24;

    /// <summary>The secret the callers of keys are hashed with; when empty, a random key kept in the data folder.</summary>
    public string? CallerKey { get; set; }
}

/// <summary>The lifetime of idempotency records and the keyed hash that stands for a caller in them.</summary>
public sealed class IdempotencySettings
{
    public const string KeyFileName = "idempotency-caller.key";

    private readonly byte[] _key;

    public IdempotencySettings(IOptions<IdempotencyOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var hours = options.Value.IdempotencyHours;
        if (!(hours > 0))
        {
            throw new InvalidOperationException($"{IdempotencyOptions.Section}:{nameof(IdempotencyOptions.IdempotencyHours)} must be above 0.");
        }

        Lifetime = TimeSpan.FromHours(hours);
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        _key = options.Value.CallerKey is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : KeyFromFile(Path.GetDirectoryName(Path.GetFullPath(database.SqlitePath, environment.ContentRootPath))!);
    }

    public TimeSpan Lifetime { get; }

    /// <summary>Records created before this moment have expired.</summary>
    public DateTime ExpiredBefore => DateTime.UtcNow - Lifetime;

    /// <summary>
    /// The caller of a key as stored: HMAC-SHA256 of "sub:&lt;subject&gt;" or "ip:&lt;address&gt;" under a server secret. A
    /// plain hash would not do: every IPv4 address is hashed in minutes, so it would keep the address in another form.
    /// Keyed with a secret that is not in the database, a copy of the database names nobody — no client address, and
    /// no subject of a resident who raised a signal. The secret is stable across restarts so retries still match.
    /// </summary>
    public string CallerOf(string identity) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(identity)));

    // One random key per data folder, made on first start. Several instances behind one PostgreSQL database must share
    // a configured CallerKey instead, or a retry reaching another instance would not match its key.
    private static byte[] KeyFromFile(string folder)
    {
        var path = Path.Combine(folder, KeyFileName);
        Directory.CreateDirectory(folder);
        try
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(path, create))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            }

            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made already (by an earlier start, or by another app on this folder a moment ago).
            for (var attempt = 0; ; attempt++)
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0 || attempt == 20)
                {
                    return Convert.FromBase64String(text);
                }

                Thread.Sleep(50);
            }
        }
    }
}

public static class IdempotencySetup
{
    public static IServiceCollection AddIdempotency(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<IdempotencyOptions>(configuration.GetSection(IdempotencyOptions.Section));
        services.AddSingleton<IdempotencySettings>();
        services.AddHostedService<IdempotencyPurge>();
        return services;
    }
}
