using Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalLogging();
builder.Services.AddPortalServices(builder.Configuration);

var app = builder.Build();
app.UsePortalPipeline();
app.Run();
