// SKELETON: issue 2 (webhook helper) builds the real host.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
await app.RunAsync();
