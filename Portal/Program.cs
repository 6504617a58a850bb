using Portal.Csv.Benchmark;
using Portal.Demo;
using Portal.Hosting;
using Portal.Persistence;

if (SchemaScript.TryRun(args, Console.Out))
{
    return;
}

if (await ScaleSeedCommand.TryRunAsync(args, Console.Out))
{
    return;
}

if (await ExportBenchmarkCommand.TryRunAsync(args, Console.Out))
{
    return;
}

if (await Portal.Benchmarks.BenchCommand.TryRunAsync(args, Console.Out))
{
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPortalServices(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UsePortalPipeline();
app.Run();
