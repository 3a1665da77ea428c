using GraphQL;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// A fault we raise on purpose, with a code from <see cref="ErrorCodes"/>. GraphQL.NET would otherwise
/// derive the code from the exception type name, which leaks implementation details.
/// </summary>
public sealed class ApiException : ExecutionError
{
    public ApiException(string code, string message, IReadOnlyDictionary<string, object?>? extensions = null)
        : base(message)
    {
        Code = code;
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                Data[key] = value;
            }
        }
    }

    public static ApiException NotFound(string what) => new(ErrorCodes.NotFound, $"{what} was not found.");

    public static ApiException BadRequest(string message) => new(ErrorCodes.BadRequest, message);
}
