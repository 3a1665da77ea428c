using System.Globalization;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security;

/// <summary>The README publishes every error code and every limit with its default: a new code or limit cannot go unpublished.</summary>
public sealed class PublishedLimitsTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestEnvironment.RepoRoot, "README.md"));

    [Fact]
    public void Every_error_code_is_in_the_README() =>
        Assert.All(ErrorCodes.All, code => Assert.Contains($"`{code}`", Readme, StringComparison.Ordinal));

    [Fact]
    public void Every_limit_is_in_the_README_with_its_default()
    {
        var missing = new List<string>();
        foreach (var options in new object[] { new LimitsOptions(), new RateLimitOptions(), new TrustedClient() })
        {
            foreach (var property in options.GetType().GetProperties().Where(p => p.PropertyType == typeof(int)))
            {
                var value = ((int)property.GetValue(options)!).ToString("N0", CultureInfo.InvariantCulture);
                if (!Readme.Contains(property.Name, StringComparison.Ordinal) || !Readme.Contains(value, StringComparison.Ordinal))
                {
                    missing.Add($"{options.GetType().Name}.{property.Name} = {value}");
                }
            }
        }

        Assert.Empty(missing);
    }
}
