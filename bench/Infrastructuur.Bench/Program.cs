using Infrastructuur.Api.Hosting;
using Infrastructuur.Bench;

// Serves hand-written endpoints that run the same EF Core queries the GraphQL layer runs for each benchmark
// scenario and serialise the same shape with System.Text.Json: what the answer costs without GraphQL.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
var app = builder.Build();
FloorEndpoints.Map(app);
DashboardFloor.Map(app);
await app.RunAsync();
