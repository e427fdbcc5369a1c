using System.Buffers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Greylane.Webhook.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.Benchmarks;

/// <summary>
/// The floor to compare against: the same Kestrel settings (HTTPS, TLS 1.2/1.3, HTTP/1.1), a body read to the end and
/// parsed, and an AdmissionReview that only echoes the uid and allows.
/// </summary>
internal static class EchoServer
{
    public static async Task<(WebApplication App, Uri Address)> StartAsync(X509Certificate2 certificate)
    {
        // Served through a selector, as the webhook's store serves its own: its usage is read once before handshakes share it.
        if (ServerAuthentication.Problem(certificate) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var builder = WebApplication.CreateSlimBuilder(["--urls", "https://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http1);
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ServerCertificateSelector = (_, _) => certificate;
            });
        });
        var app = builder.Build();
        app.MapPost("/mutate/deployments", EchoAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address));
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        string uid;
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                using (var document = JsonDocument.Parse(read.Buffer))
                {
                    uid = document.RootElement.GetProperty("request").GetProperty("uid").GetString()!;
                }

                reader.AdvanceTo(read.Buffer.End);
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var output = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("apiVersion", "admission.k8s.io/v1");
            writer.WriteString("kind", "AdmissionReview");
            writer.WriteStartObject("response");
            writer.WriteString("uid", uid);
            writer.WriteBoolean("allowed", true);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        context.Response.ContentLength = output.WrittenCount;
        await context.Response.Body.WriteAsync(output.WrittenMemory);
    }
}
