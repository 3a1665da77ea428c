using Infrastructuur.Api.Hosting;
using Infrastructuur.Bench;
using Microsoft.Extensions.Options;

// The benchmark's floor: for each scenario the best hand-written SQL, prepared and run with the ADO.NET driver,
// serialised into the API's JSON (FloorEndpoints); the dashboard scenarios run the dashboards' own computations
// (DashboardFloor), which need the EF Core context.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
builder.Services.AddSingleton(sp => new FloorDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
var app = builder.Build();
FloorEndpoints.Map(app);
DashboardFloor.Map(app);
await app.RunAsync();
