using System.Diagnostics;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Maps every error to one code from <see cref="ErrorCodes"/>. GraphQL.NET's default derives codes from exception
/// type names and can expose exception details; here a fault becomes INTERNAL with a trace id and nothing else.
/// </summary>
public sealed class ApiErrorInfoProvider(IHostEnvironment environment) : IErrorInfoProvider
{
    private const string InternalMessage = "An internal error occurred. Quote the traceId when you report it.";

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var code = Classify(executionError);
        var message = code == ErrorCodes.Internal ? InternalMessage : executionError.Message;
        if (code == ErrorCodes.Timeout)
        {
            message = "The request took too long and was cancelled.";
        }

        // "Did you mean …" lists schema names a caller did not ask for; keep it for developers only.
        if (!environment.IsDevelopment())
        {
            var hint = message.IndexOf(" Did you mean", StringComparison.Ordinal);
            if (hint > 0)
            {
                message = message[..hint];
            }
        }

        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (code is not ErrorCodes.Internal)
        {
            foreach (var key in executionError.Data.Keys)
            {
                if (key is string name && executionError.Data[key] is var value && value is string or int or long or double or bool)
                {
                    extensions[name] = value;
                }
            }
        }

        if (code is ErrorCodes.Internal or ErrorCodes.Timeout)
        {
            extensions["traceId"] = Activity.Current?.TraceId.ToString();
        }

        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    internal static string Classify(ExecutionError error)
    {
        if (error.Code is { } own && ErrorCodes.All.Contains(own) && error is not UnhandledError)
        {
            return own;
        }

        return error switch
        {
            SyntaxError => ErrorCodes.ParseFailed,
            ValidationError => ErrorCodes.ValidationFailed,
            DocumentError => ErrorCodes.BadRequest,
            UnhandledError { InnerException: OperationCanceledException or TimeoutException } => ErrorCodes.Timeout,
            UnhandledError => ErrorCodes.Internal,
            _ => ErrorCodes.Internal,
        };
    }
}
