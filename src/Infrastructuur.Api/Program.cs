using Infrastructuur.Api.Hosting;

// Commands (backup, restore, generate, import/export baseline, rebuild-dashboards) run and exit; no arguments starts the API.
if ((await BackupCommands.TryRunAsync(args) ?? await Commands.RunAsync(args) ?? await ImportCommands.RunAsync(args) ?? await DashboardCommands.RunAsync(args)) is { } exitCode)
{
    return exitCode;
}

var app = InfrastructuurApp.Build(args);
await app.InitializeDatabaseAsync();

// Print where the IDE is, so a newcomer can click straight into it.
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        app.Logger.LogInformation("GraphQL IDE: {Url}/graphql", url);
    }
});

await app.RunAsync();
return 0;
