using System.Security.Authentication;
using Greylane.Webhook.Admission;
using Greylane.Webhook.Analysis;
using Greylane.Webhook.Controller;
using Greylane.Webhook.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Greylane.Webhook.Hosting;

/// <summary>
/// Builds the webhook process: Kestrel over TLS only, the admission endpoint, health and metrics. Later parts of the
/// process (the controller) join as hosted services through <paramref name="configureServices"/>-style registration here.
/// </summary>
internal static class WebhookHost
{
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // prometheus-net republishes every .NET meter (HttpClient, Kestrel: work on each request Greylane sends or serves)
        // and polls event counters; Greylane's page keeps its own metrics and the process ones. Only the first host of a
        // process decides (a no-op once the registry is in use, as in tests that build several hosts).
        Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true, SuppressEventCounters = true });
        var builder = WebApplication.CreateSlimBuilder(args);

        // Every setting read and checked here, once, all problems at once; admission then judges strategies with the
        // same tenancy the controller's analyzer scopes queries with.
        var settings = GreylaneOptions.From(builder.Configuration, args);
        var options = settings.Webhook;
        if (builder.Configuration["urls"] is null)
        {
            builder.WebHost.UseUrls(WebhookOptions.DefaultUrl);
        }

        // Per-request framework logs would drown the admission log; decisions are logged by the handler.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(settings.Prometheus);
        builder.Services.AddSingleton(settings.Notify);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddGreylaneController(settings.Controller, builder.Configuration);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        builder.Services.TryAddSingleton<RolloutSeries>();
        builder.Services.AddSingleton(services => new CertificateStore(
            options.CertificatePath, options.KeyPath, options.CertificatePollInterval,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<CertificateStore>>()));
        builder.Services.AddSingleton<AdmissionMetrics>();
        builder.Services.AddSingleton<AdmissionHandler>();

        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = AdmissionEndpoint.MaxBodyBytes;
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http1);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var store = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ServerCertificateSelector = (_, _) => store.Current;
            });
        });

        var app = builder.Build();
        // A plain RequestDelegate over the two singletons: resolving them per request (as a minimal-API handler
        // with service parameters does) created a service scope for every review.
        var handler = app.Services.GetRequiredService<AdmissionHandler>();
        var metrics = app.Services.GetRequiredService<AdmissionMetrics>();
        app.MapPost(AdmissionEndpoint.Path, (RequestDelegate)(context => AdmissionEndpoint.HandleAsync(context, handler, metrics)));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (CertificateStore store) => store.Current.NotAfter > DateTime.Now
            ? Results.Text("ok\n")
            : Results.Text("the serving certificate has expired\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        var registry = app.Services.GetRequiredService<CollectorRegistry>();
        var series = app.Services.GetRequiredService<RolloutSeries>();
        app.MapGet(MetricsPage.Path, (RequestDelegate)(context => MetricsPage.HandleAsync(context, registry, series)));
        return app;
    }
}
