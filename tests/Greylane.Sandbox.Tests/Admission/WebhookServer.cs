using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Greylane.Testing.Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>
/// A real HTTPS admission webhook on 127.0.0.1 (Kestrel, port 0): each test registers a handler under its own path
/// and reads back the AdmissionReviews that reached it.
/// </summary>
public sealed class WebhookServer : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Func<JsonObject, CancellationToken, Task<JsonObject>>> _handlers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(JsonObject Review, string Query)>> _received = new();
    private readonly CertificateAuthority _authority = CertificateAuthority.Create("greylane-test-ca");
    private readonly CertificateAuthority _otherAuthority = CertificateAuthority.Create("someone-else-ca");
    private readonly X509Certificate2 _server;

    // Signed by the right CA but naming only elsewhere.example.
    private readonly X509Certificate2 _elsewhere;
    private WebApplication? _app;

    public WebhookServer()
    {
        _server = _authority.Issue("greylane-webhook", names =>
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        });
        _elsewhere = _authority.Issue("greylane-webhook", names => names.AddDnsName("elsewhere.example"));
    }

    /// <summary>https://127.0.0.1:PORT</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
                // Asked for by name (SNI "localhost"), the server shows a certificate for another host: the name-mismatch case.
        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificateSelector = (_, name) => name == "localhost" ? _elsewhere : _server,
        };
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(https)));
        _app = builder.Build();
        _app.MapPost("/{name}", HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
    }

    /// <summary>The caBundle that trusts this server.</summary>
    public string CaBundle => _authority.CaBundle;

    /// <summary>A caBundle of an unrelated CA.</summary>
    public string WrongCaBundle => _otherAuthority.CaBundle;

    /// <summary>Serves <paramref name="name"/> and returns its URL.</summary>
    public string Serve(string name, Func<JsonObject, CancellationToken, Task<JsonObject>> handler)
    {
        _handlers[name] = handler;
        return $"{BaseUrl}/{name}";
    }

    /// <summary>Serves <paramref name="name"/> with a synchronous handler of the request part of the review.</summary>
    public string Serve(string name, Func<JsonObject, JsonObject> respond) =>
        Serve(name, (review, _) => Task.FromResult(respond(review["request"]!.AsObject())));

    /// <summary>The reviews <paramref name="name"/> received, with their query strings.</summary>
    public IReadOnlyList<(JsonObject Review, string Query)> Received(string name) =>
        _received.TryGetValue(name, out var queue) ? [.. queue] : [];

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _server.Dispose();
        _elsewhere.Dispose();
        _authority.Dispose();
        _otherAuthority.Dispose();
    }

    private async Task HandleAsync(string name, HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        _received.GetOrAdd(name, _ => new()).Enqueue((review, context.Request.QueryString.Value ?? ""));
        if (!_handlers.TryGetValue(name, out var handler))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var answer = await handler(review, context.RequestAborted);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }
}
