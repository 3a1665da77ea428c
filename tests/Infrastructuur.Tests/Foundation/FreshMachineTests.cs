using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Hosting;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Security.Reliability;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace Infrastructuur.Tests.Foundation;

/// <summary>What a newcomer meets on a machine that has never run the API: the README's two commands, as written.</summary>
public sealed class FreshMachineTests
{
    private const string Scope = "{ viewer { role municipalities { name } } }";

    /// <summary>
    /// The built API in Development, as `dotnet run` starts it, with a home folder that has no user secrets yet; then the
    /// file `dotnet user-jwts create` writes appears, and its key must be honoured by the running process.
    /// </summary>
    [Fact]
    public async Task In_Development_the_first_user_jwts_key_is_honoured_without_a_restart()
    {
        var home = Directory.CreateTempSubdirectory("infra-home-").FullName;
        try
        {
            const string Audience = "http://127.0.0.1:5080";
            await using var api = await ApiProcess.StartAsync(
                Path.Combine(home, "infrastructuur.db"),
                new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["HOME"] = home,
                    ["Authentication__Schemes__Bearer__ValidIssuer"] = AuthenticationSetup.DevelopmentIssuer,
                    ["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience,
                },
                unset: ["Authentication__Schemes__Bearer__SigningKeys__0__Value"]);
            using var client = new HttpClient { BaseAddress = api.BaseAddress };
            var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            var token = Tokens.Mint(DemoAccess.OfficialSubject, "municipal_official", issuer: AuthenticationSetup.DevelopmentIssuer, audience: Audience, key: key);
            Assert.Equal(401, (int)(await PostAsync(client, token)).StatusCode);

            // What `dotnet user-jwts create` does on a fresh machine: create the user-secrets folder and write the key.
            var id = typeof(InfrastructuurApp).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId;
            var secrets = Path.Combine(home, ".microsoft", "usersecrets", id, "secrets.json");
            Directory.CreateDirectory(Path.GetDirectoryName(secrets)!);
            await File.WriteAllTextAsync(secrets, JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Authentication:Schemes:Bearer:SigningKeys"] = new[]
                {
                    new { Id = "0a1b2c3d", Issuer = AuthenticationSetup.DevelopmentIssuer, Value = Convert.ToBase64String(key), Length = 32 },
                },
            }));

            var clock = Stopwatch.StartNew();
            var status = 401;
            while (status == 401 && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(250);
                status = (int)(await PostAsync(client, token)).StatusCode;
            }

            Assert.True(status == 200, $"The key written to {secrets} was not picked up within 15 s ({status}).\n{api.Output}");
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = Scope }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);
        return await client.SendAsync(request);
    }
}
